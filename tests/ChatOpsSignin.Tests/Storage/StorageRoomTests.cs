using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Storage;
using ChatOpsSignin.Storage.Options;
using ChatOpsSignin.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Tests.Storage;

public sealed class StorageRoomTests : IDisposable
{
    private readonly TempDatabase database = new();

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Storage:Provider", "Mongo", "Storage:Provider: 'Mongo' is not supported; use one of Sqlite, Postgres, DynamoDb" },
        { "Storage:SqlitePath", " ", "Storage:SqlitePath: is empty" },
        { "Storage:SqlitePath", ":memory:", "Storage:SqlitePath: ':memory:' is not a plain file path" },
        { "Storage:SqlitePath", "data/", "Storage:SqlitePath: 'data/' is not a valid file path" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_Bad_Setting_Fails_Start_Up_Naming_The_Key(string key, string value, string expected)
    {
        using var host = BuildHost(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_Are_Sqlite_In_The_Data_Folder()
    {
        var options = new StorageOptions();

        Assert.Equal(("Sqlite", "data/chatops-signin.db"), (options.Provider, options.SqlitePath));
    }

    [Fact]
    public async Task The_Room_Registers_All_Four_Stores_On_One_File_Relative_To_The_Content_Root()
    {
        using var host = BuildHost(new() { ["Storage:SqlitePath"] = "nested/relative.db" }, contentRoot: database.Folder);
        await host.StartAsync();

        var path = Path.Combine(database.Folder, "nested", "relative.db");
        Assert.True(File.Exists(path), "the start-up schema check creates the file");
        Assert.Equal(path, host.Services.GetRequiredService<SqliteConnectionFactory>().DatabasePath);
        Assert.Equal(new RoomStatus("Storage", true, $"Sqlite at {path}"), host.Services.GetRequiredService<RoomStatus>());
        Assert.NotNull(host.Services.GetRequiredService<IApprovalStore>());
        Assert.NotNull(host.Services.GetRequiredService<IIssuedLinkStore>());
        Assert.NotNull(host.Services.GetRequiredService<IAuditLog>());
        Assert.NotNull(host.Services.GetRequiredService<IRateLimitStore>());
        await host.StopAsync();
    }

    public void Dispose() => database.Dispose();

    private IHost BuildHost(Dictionary<string, string?> settings, string? contentRoot = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = contentRoot ?? database.Folder,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddStorageRoom(builder.Configuration);
        return builder.Build();
    }
}
