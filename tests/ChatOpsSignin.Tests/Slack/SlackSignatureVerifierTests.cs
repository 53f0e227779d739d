using System.Text;
using ChatOpsSignin.Slack.Inbound;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>Slack's official test vector (https://docs.slack.dev/authentication/verifying-requests-from-slack), with the clock injected.</summary>
public sealed class SlackSignatureVerifierTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

    public static TheoryData<string, string?, string?> MissingHeaders => new()
    {
        { "no timestamp", null, Signature },
        { "no signature", Timestamp, null },
        { "neither", null, null },
        { "empty timestamp", string.Empty, Signature },
    };

    public static TheoryData<string, string, string> MalformedHeaders => new()
    {
        { "wrong version prefix", Timestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503" },
        { "no version prefix", Timestamp, "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503" },
        { "upper-case version", Timestamp, "V0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503" },
        { "short digest", Timestamp, "v0=a2114d57b48eac39" },
        { "not hex", Timestamp, "v0=z2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503" },
        { "timestamp not a number", "1531420618.5", Signature },
        { "negative timestamp", "-1531420618", Signature },
    };

    [Fact]
    public void Slack_Official_Test_Vector_Is_Accepted()
    {
        Assert.Equal(SignatureCheck.Valid, Verifier(At(Timestamp)).Verify(Timestamp, Signature, Body));
    }

    [Fact]
    public void Request_Signer_Produces_The_Official_Vector()
    {
        Assert.Equal(Signature, SlackRequestSigner.Sign(Secret, Timestamp, Body));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(0)]
    [InlineData(300)]
    public void Timestamp_Within_Five_Minutes_Either_Way_Is_Accepted(int clockOffsetSeconds)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618 + clockOffsetSeconds));
        Assert.Equal(SignatureCheck.Valid, Verifier(time).Verify(Timestamp, Signature, Body));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86400)]
    public void Stale_Slack_Timestamp_Is_Rejected(int clockOffsetSeconds)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618 + clockOffsetSeconds));
        Assert.Equal(SignatureCheck.Stale, Verifier(time).Verify(Timestamp, Signature, Body));
    }

    [Fact]
    public void Tampered_Body_Is_Rejected()
    {
        var tampered = Body.ToArray();
        tampered[^1] ^= 1;
        Assert.Equal(SignatureCheck.Mismatch, Verifier(At(Timestamp)).Verify(Timestamp, Signature, tampered));
    }

    [Fact]
    public void Signature_With_Another_Secret_Is_Rejected()
    {
        var other = SlackRequestSigner.Sign("another-secret", Timestamp, Body);
        Assert.Equal(SignatureCheck.Mismatch, Verifier(At(Timestamp)).Verify(Timestamp, other, Body));
    }

    [Fact]
    public void Signature_Of_Another_Timestamp_Is_Rejected()
    {
        Assert.Equal(SignatureCheck.Mismatch, Verifier(At(Timestamp)).Verify("1531420619", Signature, Body));
    }

    [Theory]
    [MemberData(nameof(MissingHeaders))]
    public void Missing_Slack_Headers_Are_Rejected(string why, string? timestamp, string? signature)
    {
        Assert.True(why.Length > 0);
        Assert.Equal(SignatureCheck.MissingHeaders, Verifier(At(Timestamp)).Verify(timestamp, signature, Body));
    }

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void Malformed_Slack_Headers_Are_Rejected(string why, string timestamp, string signature)
    {
        Assert.True(why.Length > 0);
        Assert.Equal(SignatureCheck.Malformed, Verifier(At(Timestamp)).Verify(timestamp, signature, Body));
    }

    [Fact]
    public void A_Verifier_Needs_A_Secret()
    {
        Assert.ThrowsAny<ArgumentException>(() => new SlackSignatureVerifier(string.Empty, TimeProvider.System));
    }

    private static SlackSignatureVerifier Verifier(TimeProvider time) => new(Secret, time);

    private static FakeTimeProvider At(string unixSeconds) =>
        new(DateTimeOffset.FromUnixTimeSeconds(long.Parse(unixSeconds, System.Globalization.CultureInfo.InvariantCulture)));
}
