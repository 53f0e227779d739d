using System.Diagnostics;
using System.Globalization;
using ChatOpsSignin.StandIns.Aws;

// Starts the AWS stand-in (STS, Cognito, federation) on loopback ports, adds the bench role, and writes the URLs and the
// broker's keys as KEY=value lines to --out (written to a temp name, then renamed, so a reader never sees half a file).
// Runs until SIGTERM/SIGINT, or until the process --parent-pid is gone (the bot that started it exited).
//   AwsStandInHost --out FILE [--delay-ms N (per AWS call)] [--role ARN] [--parent-pid PID]
var options = Args.Parse(args);
await using var aws = await AwsStandIn.StartAsync();
aws.ResponseDelay = TimeSpan.FromMilliseconds(options.DelayMs);
aws.AddRole(options.Role);

var lines = new[]
{
    $"AWS_STS_URL={aws.StsUrl.AbsoluteUri}",
    $"AWS_COGNITO_URL={aws.CognitoUrl.AbsoluteUri}",
    $"AWS_FEDERATION_URL={aws.FederationUrl.AbsoluteUri}",
    $"AWS_ACCESS_KEY_ID={aws.BrokerAccessKeyId}",
    $"AWS_SECRET_ACCESS_KEY={aws.BrokerSecretAccessKey}",
    $"AWS_ROLE_ARN={options.Role}",
};
var temp = options.Out + ".tmp";
await File.WriteAllLinesAsync(temp, lines);
File.Move(temp, options.Out, overwrite: true);

// Not disposed: ProcessExit can still fire after the loop below has ended.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    while (!stop.IsCancellationRequested)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, stop.Token);
        if (options.ParentPid is { } parent && !Alive(parent))
        {
            break;
        }
    }
}
catch (OperationCanceledException)
{
    // stopping
}

static bool Alive(int pid)
{
    try
    {
        using var process = Process.GetProcessById(pid);
        return !process.HasExited;
    }
    catch (ArgumentException)
    {
        return false;
    }
}

internal sealed record Args(string Out, int DelayMs, string Role, int? ParentPid)
{
    public static Args Parse(string[] args)
    {
        string? output = null;
        var delay = 0;
        var role = "arn:aws:iam::111122223333:role/BenchReadOnly";
        int? parent = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--out": output = args[i + 1]; break;
                case "--delay-ms": delay = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--role": role = args[i + 1]; break;
                case "--parent-pid": parent = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return new Args(output ?? throw new ArgumentException("--out FILE is required."), delay, role, parent);
    }
}
