using System.Net;
using AngleSharp.Html.Dom;
using Publisher.Web.Pages.Admin.Accounts;

namespace Publisher.Web.Tests;

public sealed class PasswordRulesTests
{
    private const string Email = "camille.dupont@publisher.test";

    [Theory]
    [InlineData("Password123!", "un mot de passe trop courant")]
    [InlineData("abcdef123456", "une suite trop simple")]
    [InlineData("azertyuiop12", "une suite de touches du clavier")]
    [InlineData("AZERTYUIOP2026", "une suite de touches du clavier")]
    [InlineData("qsdfghjklm!!", "une suite de touches du clavier")]
    [InlineData("wxcvbn123456", "une suite de touches du clavier")]
    [InlineData("poiuytreza12", "une suite de touches du clavier")]
    [InlineData("azerqsdfwxcv", "une suite de touches du clavier")]
    [InlineData("&é\"'(-è_çà)=", "une suite de touches du clavier")]
    [InlineData("Motdepasse2026", "un mot trop courant")]
    [InlineData("Soleil2026!!", "un mot trop courant")]
    [InlineData("bonjour-chocolat", "un mot trop courant")]
    [InlineData("doudou123456", "un mot trop courant")]
    [InlineData("Liberté2026!!", "un mot trop courant")]
    [InlineData("Soleil2026!!", "une date ou une année")]
    [InlineData("Publisher2026!", "le nom du site")]
    [InlineData("camille.dupont", "votre adresse e-mail")]
    public void Weak_passwords_are_refused_with_a_French_reason(string password, string reason)
    {
        var problem = PasswordRules.Problem(password, Email);

        Assert.NotNull(problem);
        Assert.StartsWith("Ce mot de passe est trop facile à deviner\u00a0: il contient ", problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_name_and_the_site_given_count_as_guessable()
    {
        var problem = PasswordRules.Problem("Dupont-LeJournal!", "c.d@publisher.test", ["Camille Dupont", "Le Journal"]);

        Assert.NotNull(problem);
        Assert.Contains("votre nom", problem, StringComparison.Ordinal);
        Assert.Contains("le nom du site", problem, StringComparison.Ordinal);
    }

    // The block list the rule replaces: each of its entries is still refused.
    [Theory]
    [InlineData("123456789012")]
    [InlineData("azertyuiopqs")]
    [InlineData("qwertyuiopas")]
    [InlineData("motdepasse123")]
    [InlineData("motdepassesecret")]
    [InlineData("password1234")]
    [InlineData("passwordpassword")]
    [InlineData("administrateur")]
    [InlineData("administrator")]
    [InlineData("publisher2026")]
    [InlineData("publisherpublisher")]
    [InlineData("jetaime123456")]
    [InlineData("1234567890ab")]
    [InlineData("abcdefghijkl")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("soleil123456")]
    [InlineData("bonjour123456")]
    public void The_former_block_list_is_still_refused(string password) =>
        Assert.NotNull(PasswordRules.Problem(password, Email));

    [Theory]
    [InlineData("le chat de ma voisine mange des frites")]
    [InlineData("correct cheval pile agrafe")]
    [InlineData("une plume toute neuve")]
    [InlineData(AdminSession.Password)]
    [InlineData("une phrase de passe pour l'essai d'endurance")]
    [InlineData("une longue phrase de passe")]
    [InlineData("Vx7#qLm2!pRz")]
    public void Strong_passwords_and_passphrases_are_accepted(string password) =>
        Assert.Null(PasswordRules.Problem(password, Email, ["Camille Dupont", "Publisher"]));

    [Fact]
    public void A_very_long_password_is_judged_quickly()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        Assert.Null(PasswordRules.Problem(string.Concat(Enumerable.Repeat("une phrase de passe assez longue ", 300)), Email));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), started.Elapsed.ToString());
    }
}

public sealed class NewAccountPasswordTests(PublisherFactory app) : IClassFixture<PublisherFactory>
{
    [Fact]
    public async Task The_new_account_form_refuses_a_common_password_beside_the_field()
    {
        using var admin = AdminSession.Open(app);
        await admin.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Admin));
        var (_, page) = await admin.GetAsync("/admin/comptes");

        var (response, refused) = await admin.SubmitAsync("/admin/comptes", (IHtmlFormElement)page.QuerySelectorAll("form.editor").Single(), new Dictionary<string, string>
        {
            ["Input.Email"] = "faible@publisher.test",
            ["Input.DisplayName"] = "Compte Faible",
            ["Input.Role"] = "author",
            ["Input.Password"] = "Password123!",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = refused.QuerySelector("[data-valmsg-for='Input.Password']")!.Text();
        Assert.StartsWith("Ce mot de passe est trop facile à deviner", message, StringComparison.Ordinal);
        Assert.Contains("un mot de passe trop courant", message, StringComparison.Ordinal);
        Assert.DoesNotContain(refused.QuerySelectorAll(".accounts tbody tr"), row => row.Text().Contains("faible@publisher.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_new_account_form_refuses_the_persons_own_name()
    {
        using var admin = AdminSession.Open(app);
        await admin.SignInAsync(await AdminSession.CreateUserAsync(app, Roles.Admin));
        var (_, page) = await admin.GetAsync("/admin/comptes");

        var (_, refused) = await admin.SubmitAsync("/admin/comptes", (IHtmlFormElement)page.QuerySelectorAll("form.editor").Single(), new Dictionary<string, string>
        {
            ["Input.Email"] = "c.d@publisher.test",
            ["Input.DisplayName"] = "Théophile Grandjean",
            ["Input.Role"] = "author",
            ["Input.Password"] = "Theophile-Grandjean",
        });

        Assert.Contains("votre nom", refused.QuerySelector("[data-valmsg-for='Input.Password']")!.Text(), StringComparison.Ordinal);
    }
}
