using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Delivery;

/// <summary>What a platform needs to render the private link message.</summary>
public sealed record LinkDelivery(SigninRequest Request, ConsoleLink Link, IssuedCredentials Credentials);
