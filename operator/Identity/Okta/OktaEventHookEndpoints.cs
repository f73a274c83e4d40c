using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// The operator's Okta Event Hook URLs, one per IdentityProvider whose Secret holds an <see cref="SecretKey"/>:
/// <c>/idp/{namespace}/{name}/okta/events</c> on the operator's HTTP port (GET answers Okta's one-time verification,
/// POST takes deliveries). An IdentityProvider without a registered receiver answers 404.
/// </summary>
internal sealed class OktaEventHookEndpoints(ILogger<OktaEventHookEndpoints>? logger = null)
{
    /// <summary>The Secret key holding the Authorization header value configured on the Okta Event Hook.</summary>
    public const string SecretKey = "eventHookAuthorization";

    private readonly ConcurrentDictionary<string, (string Authorization, OktaEventHookReceiver Receiver)> _receivers = new(StringComparer.Ordinal);

    /// <summary>The receiver for the IdP, kept when the authorization value is the same (queued deliveries survive a watcher restart).</summary>
    public OktaEventHookReceiver Register(string idpKey, string authorization) =>
        _receivers.AddOrUpdate(idpKey,
            _ => (authorization, New(idpKey, authorization)),
            (_, existing) => existing.Authorization == authorization ? existing : (authorization, New(idpKey, authorization))).Receiver;

    private OktaEventHookReceiver New(string idpKey, string authorization) => new(authorization, logger: logger, idpKey: idpKey);

    public void Unregister(string idpKey) => _receivers.TryRemove(idpKey, out _);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapMethods("/idp/{namespace}/{name}/okta/events", [HttpMethods.Get, HttpMethods.Post], async (HttpContext context, string @namespace, string name) =>
        {
            if (!_receivers.TryGetValue($"{@namespace}/{name}", out var entry))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await entry.Receiver.HandleAsync(context);
        });
}
