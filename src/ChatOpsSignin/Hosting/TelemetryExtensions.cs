using ChatOpsSignin.Core.Telemetry;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatOpsSignin.Hosting;

/// <summary>
/// OpenTelemetry for the bot's meters and traces. <c>Telemetry:Prometheus</c> (default true) serves <c>/metrics</c>,
/// on its own port with <c>Telemetry:MetricsPort</c>; <c>Telemetry:OtlpEndpoint</c> exports metrics and traces over OTLP.
/// HttpClient calls are deliberately not traced: their URLs carry credentials (federation) and capabilities (response_url).
/// </summary>
internal static class TelemetryExtensions
{
    private static readonly string[] Meters = [SigninTelemetry.MeterName, ClientTelemetry.MeterName, "Microsoft.AspNetCore.Hosting"];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var options = TelemetryOptions.From(builder.Configuration);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("chatops-signin", serviceVersion: StartupReport.Version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (options.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter(o => Otlp(o, endpoint, options.OtlpProtocol, "v1/metrics"));
                }
            });
        if (options.OtlpEndpoint is { } traces)
        {
            otel.WithTracing(tracing => tracing
                .AddSource(SigninTracing.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperations(context.Request.Path))
                .AddOtlpExporter(o => Otlp(o, traces, options.OtlpProtocol, "v1/traces")));
        }

        // JSON console lines carry the RequestId scope unless the operator said otherwise.
        if (builder.Configuration["Logging:Console:FormatterOptions:IncludeScopes"] is null)
        {
            builder.Services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        }

        return builder;
    }

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = TelemetryOptions.From(app.Configuration);
        if (options.Prometheus)
        {
            var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
            if (options.MetricsPort is { } port)
            {
                endpoint.RequireHost($"*:{port}");
            }
        }

        return app;
    }

    private static bool IsOperations(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.Ordinal) || path.StartsWithSegments("/healthz", StringComparison.Ordinal);

    /// <summary>gRPC takes the endpoint as is; http/protobuf wants the signal's path appended.</summary>
    private static void Otlp(OtlpExporterOptions o, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        o.Protocol = protocol;
        o.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/"), signalPath)
            : endpoint;
    }
}
