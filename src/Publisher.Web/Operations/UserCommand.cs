using System.Text;
using Microsoft.Extensions.Options;
using Publisher.Web.Data;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Operations;

/// <summary>
/// <c>user add &lt;email&gt; --name "Name" --role admin</c>: creates an account; <c>user password &lt;email&gt;</c>:
/// sets a new password and ends the account's sessions. Each reads the password from standard input (so
/// scripts can pipe it) or, at a terminal, asks for it without echo.
/// </summary>
public sealed class UserCommand(DatabaseMigrator migrator, CreateAccount createAccount, ResetPassword resetPassword, IOptions<SiteOptions> site)
{
    public const string Usage = """
        Usage: dotnet run --project src/Publisher.Web -- user add <email> --name "<display name>" --role author|editor|admin   (password on standard input)
               dotnet run --project src/Publisher.Web -- user password <email>   (new password on standard input; ends the account's sessions)
        """;

    public async Task<int> RunAsync(CliCommand command, TextReader input, bool inputIsTerminal, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (command.Arguments is ["password", var account] && command.Options.Count == 0)
        {
            return await ResetAsync(account, input, inputIsTerminal, output, errors, cancellationToken);
        }
        if (command.Arguments is not ["add", var email] || !command.Options.TryGetValue("name", out var name) || string.IsNullOrWhiteSpace(name))
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }
        var role = command.Options.GetValueOrDefault("role", Roles.Author);
        if (!Roles.All.Contains(role))
        {
            await errors.WriteLineAsync($"Unknown role '{role}': use author, editor or admin.");
            return 2;
        }
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            await errors.WriteLineAsync($"'{email}' is not an e-mail address.");
            return 2;
        }
        var password = await ReadPasswordAsync(input, inputIsTerminal, output, cancellationToken);
        if (PasswordRules.Problem(password, email, [name, site.Value.Name]) is { } problem)
        {
            await errors.WriteLineAsync($"Password refused: {problem}");
            return 1;
        }
        await migrator.MigrateAsync(cancellationToken);
        if (await createAccount.CreateAsync(email, name, role, password, cancellationToken) is null)
        {
            await errors.WriteLineAsync($"An account already exists for {AccountQueries.NormalizeEmail(email)}.");
            return 1;
        }
        await output.WriteLineAsync($"Created {role} account for {AccountQueries.NormalizeEmail(email)} ({name.Trim()}).");
        return 0;
    }

    private async Task<int> ResetAsync(string email, TextReader input, bool inputIsTerminal, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            await errors.WriteLineAsync($"'{email}' is not an e-mail address.");
            return 2;
        }
        var password = await ReadPasswordAsync(input, inputIsTerminal, output, cancellationToken);
        if (PasswordRules.Problem(password, email) is { } problem)
        {
            await errors.WriteLineAsync($"Password refused: {problem}");
            return 1;
        }
        await migrator.MigrateAsync(cancellationToken);
        if (!await resetPassword.ResetAsync(email, password, cancellationToken))
        {
            await errors.WriteLineAsync($"No account for {AccountQueries.NormalizeEmail(email)}.");
            return 1;
        }
        await output.WriteLineAsync($"Password changed for {AccountQueries.NormalizeEmail(email)}; its sessions are ended.");
        return 0;
    }

    private static async Task<string> ReadPasswordAsync(TextReader input, bool inputIsTerminal, TextWriter output, CancellationToken cancellationToken)
    {
        if (!inputIsTerminal)
        {
            return (await input.ReadToEndAsync(cancellationToken)).TrimEnd('\r', '\n');
        }
        await output.WriteAsync("Mot de passe : ");
        return ReadHidden();
    }

    private static string ReadHidden()
    {
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
        Console.WriteLine();
        return password.ToString();
    }
}
