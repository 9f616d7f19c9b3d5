using Publisher.Web;
using Publisher.Web.Data;
using Publisher.Web.Operations;
using Publisher.Web.Pages;
using Publisher.Web.Syndication;

var (command, hostArguments) = CliCommand.Parse(args);
var builder = WebApplication.CreateBuilder(hostArguments);
builder.AddPublisher();

var app = builder.Build();

IDatabase database;
try
{
    database = app.Services.GetRequiredService<IDatabase>();
}
catch (DatabaseSettingException e)
{
    StartupFailure.LogCannotStart(app.Logger, e.Message);
    await app.DisposeAsync();
    return StartupFailure.ExitCode;
}
IDisposable? inUse = null;
try
{
    try
    {
        // Every process but a restore tells others it uses the database; a restore needs it alone.
        inUse = command?.Name == BackupCommands.Restore ? null : database.HoldInUse();
        switch (command?.Name)
        {
            case BackupCommands.Backup or BackupCommands.Restore:
                return await app.Services.GetRequiredService<BackupCommands>().RunAsync(command.Name, command.Arguments, Console.Out, Console.Error, CancellationToken.None);
            case CopyToCommand.Name:
                return await app.Services.GetRequiredService<CopyToCommand>().RunAsync(command, Console.Out, Console.Error, CancellationToken.None);
            case "import":
                return await app.Services.GetRequiredService<ImportCommand>().RunAsync(command.Arguments, Console.Out, Console.Error, CancellationToken.None);
            case "migrate":
                return await app.Services.GetRequiredService<MigrateCommand>().RunAsync(Console.Out, Console.Error, CancellationToken.None);
            case "reindex":
                return await app.Services.GetRequiredService<ReindexCommand>().RunAsync(Console.Out, CancellationToken.None);
            case "user":
                return await app.Services.GetRequiredService<UserCommand>().RunAsync(command, Console.In, !Console.IsInputRedirected, Console.Out, Console.Error, CancellationToken.None);
        }

        await app.Services.GetRequiredService<SiteStartup>().RunAsync(CancellationToken.None);

        app.UsePublisherReaderSite();
        app.MapPublisherSyndication();
        app.MapPublisherHealthChecks();
        await app.StartAsync();
    }
    catch (Exception e) when (StartupFailure.Explain(e, database) is { } reason)
    {
        // One line, no stack trace: what went wrong and what to do. Disposing the app flushes the log.
        StartupFailure.LogCannotStart(app.Logger, reason);
        await app.DisposeAsync();
        return StartupFailure.ExitCode;
    }
    await app.WaitForShutdownAsync();
    return 0;
}
finally
{
    inUse?.Dispose();
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
