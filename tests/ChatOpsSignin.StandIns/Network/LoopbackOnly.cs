using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace ChatOpsSignin.StandIns.Network;

/// <summary>
/// Makes a test fail on outbound HTTP it did not expect: every HttpClient the host builds gets a first handler that
/// refuses any host but loopback (where the stand-ins listen) and remembers the attempt, so a call that slipped past
/// its own error handling still fails the test at <see cref="AssertNoneAttempted"/>.
/// </summary>
public sealed class LoopbackOnly : IHttpMessageHandlerBuilderFilter
{
    private readonly ConcurrentQueue<Uri> refused = new();

    public IReadOnlyCollection<Uri> Refused => refused;

    /// <summary>Adds the guard to a host's services and returns it, for the test to assert on.</summary>
    public static LoopbackOnly AddTo(IServiceCollection services)
    {
        var guard = new LoopbackOnly();
        services.AddSingleton<IHttpMessageHandlerBuilderFilter>(guard);
        return guard;
    }

    public void AssertNoneAttempted()
    {
        if (!refused.IsEmpty)
        {
            throw new InvalidOperationException($"The test made outbound HTTP calls it did not expect: {string.Join(", ", refused.Select(u => u.Host))}");
        }
    }

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.AdditionalHandlers.Insert(0, new Guard(refused));
    };

    private sealed class Guard(ConcurrentQueue<Uri> refused) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri && !IsLoopback(uri))
            {
                refused.Enqueue(uri);
                throw new HttpRequestException($"Unexpected outbound HTTP to {uri.Host} in a test: only the loopback stand-ins may be called.");
            }

            return base.SendAsync(request, cancellationToken);
        }

        private static bool IsLoopback(Uri uri) =>
            uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
