using OpenTelemetry.Exporter;

namespace ChatOpsSignin.Hosting;

/// <summary>The <c>Telemetry</c> section, read once at start-up (exporters cannot be swapped on reload).</summary>
internal sealed record TelemetryOptions(bool Prometheus, int? MetricsPort, Uri? OtlpEndpoint, OtlpExportProtocol OtlpProtocol)
{
    public static TelemetryOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Telemetry");
        var endpoint = section["OtlpEndpoint"];
        if (endpoint is { Length: > 0 } && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Telemetry:OtlpEndpoint must be an absolute URL such as http://collector:4317.");
        }

        var port = section.GetValue<int?>("MetricsPort");
        if (port is < 1 or > 65535)
        {
            throw new InvalidOperationException("Telemetry:MetricsPort must be a TCP port (1-65535).");
        }

        var protocol = section["OtlpProtocol"] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"Telemetry:OtlpProtocol '{other}' is not grpc or http/protobuf."),
        };
        return new TelemetryOptions(
            section.GetValue("Prometheus", true), port, endpoint is { Length: > 0 } ? new Uri(endpoint) : null, protocol);
    }
}
