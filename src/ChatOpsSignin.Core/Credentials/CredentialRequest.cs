using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Credentials;

/// <summary>Everything a credential issuer needs; built by the core after policy (and approval) said yes.</summary>
public sealed record CredentialRequest(
    SigninRequest Request,
    string ProfileName,
    ProfileOptions Profile,
    SessionIdentity Session,
    IReadOnlyDictionary<string, string> SessionTags,
    ChatUser? Approver);
