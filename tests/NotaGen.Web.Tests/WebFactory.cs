using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NotaGen.Web.Settings;

namespace NotaGen.Web.Tests;

/// <summary>
/// The web application in a test host (the same services and endpoints as <c>notagen serve</c>) with the bundled model,
/// the built-in synthesizer (fast, and the same everywhere) and the given settings.
/// </summary>
public class WebFactory : WebApplicationFactory<WebProgram>
{
    private readonly Dictionary<string, string> _settings;

    public WebFactory()
        : this([])
    {
    }

    internal WebFactory(Dictionary<string, string> settings)
    {
        _settings = new Dictionary<string, string> { ["Synth"] = "builtin", ["Threads"] = "1" };
        foreach (var (key, value) in settings)
            _settings[key] = value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting($"{ServerSettings.Section}:{key}", value);
    }
}
