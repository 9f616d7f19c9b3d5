using System.Text.Encodings.Web;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using Publisher.Web.Html;

namespace Publisher.Benchmarks;

/// <summary>What writing one French title into a page costs, with the site's encoder and with the framework's.</summary>
[MemoryDiagnoser]
public class HtmlEncoderBenchmarks : IDisposable
{
    private const string Title = "Réseaux sociaux interdits aux moins de 15 ans\u00A0: premier bilan de la vérification d’âge";

    private static readonly HtmlEncoder Framework = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringWriter _output = new();

    [Benchmark(Baseline = true)]
    public void FrameworkEncoder()
    {
        _output.GetStringBuilder().Clear();
        Framework.Encode(_output, Title);
    }

    [Benchmark]
    public void SiteEncoder()
    {
        _output.GetStringBuilder().Clear();
        MarkupOnlyHtmlEncoder.Instance.Encode(_output, Title);
    }

    public void Dispose()
    {
        _output.Dispose();
        GC.SuppressFinalize(this);
    }
}
