namespace ChatOpsSignin.Aws.Links;

/// <summary>
/// The console services a deep link (<c>-s</c>) may name, with their short aliases and console paths. The paths are the
/// console's own (<c>https://&lt;region&gt;.console.aws.amazon.com/&lt;path&gt;/home?region=&lt;region&gt;</c>); global services
/// (IAM, Route 53, Billing) open on the partition's console host without a region.
/// </summary>
internal static class ConsoleServices
{
    public static IReadOnlyList<Entry> All { get; } =
    [
        new("ec2", "ec2"),
        new("s3", "s3"),
        new("cloudwatch", "cloudwatch", Aliases: ["cw"]),
        new("dynamodb", "dynamodbv2", Aliases: ["ddb", "dynamodbv2"]),
        new("iam", "iam/home", Global: true),
        new("lambda", "lambda"),
        new("rds", "rds"),
        new("ecs", "ecs"),
        new("eks", "eks"),
        new("ecr", "ecr"),
        new("cloudformation", "cloudformation", Aliases: ["cfn"]),
        new("cloudtrail", "cloudtrail"),
        new("vpc", "vpc"),
        new("route53", "route53/v2/home", Aliases: ["r53"], Global: true),
        new("sqs", "sqs"),
        new("sns", "sns"),
        new("kms", "kms"),
        new("secretsmanager", "secretsmanager", Aliases: ["secrets"]),
        new("ssm", "systems-manager", Aliases: ["systems-manager"]),
        new("stepfunctions", "states", Aliases: ["sfn", "states"]),
        new("apigateway", "apigateway", Aliases: ["apigw"]),
        new("athena", "athena"),
        new("glue", "glue"),
        new("sagemaker", "sagemaker"),
        new("billing", "billing/home", Global: true),
    ];

    private static readonly Dictionary<string, Entry> ByName = All
        .SelectMany(e => e.Aliases.Append(e.Name).Select(n => (Name: n, Entry: e)))
        .ToDictionary(p => p.Name, p => p.Entry, StringComparer.OrdinalIgnoreCase);

    public static Entry? Find(string name) => ByName.GetValueOrDefault(name.Trim());

    /// <param name="Name">What help lists and the audit trail records.</param>
    /// <param name="Path">The console path (regional services: the service segment; global: the whole path).</param>
    public sealed record Entry(string Name, string Path, IReadOnlyList<string>? Aliases = null, bool Global = false)
    {
        public IReadOnlyList<string> Aliases { get; } = Aliases ?? [];
    }
}
