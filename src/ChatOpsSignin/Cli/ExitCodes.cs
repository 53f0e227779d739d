namespace ChatOpsSignin.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int Configuration = 2;
    public const int Refused = 3;
    public const int AwsFailure = 4;
}
