using System.Text.Json;
using System.Text.Json.Nodes;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Web.Tests;

/// <summary>
/// The page as a person uses it, in Debian's headless Chromium over the DevTools protocol: pick a prompt, generate two
/// bars with the bundled model, see the engraved score and the audio player, download the MusicXML and validate it
/// against the MusicXML 4.0 XSD with xmllint. The screenshot it takes is the README's (set NOTAGEN_WEB_SCREENSHOT to
/// a path to keep it); the page's size on the wire is measured from the browser's own network events.
/// </summary>
public sealed class BrowserEndToEndTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_person_picks_a_prompt_generates_listens_and_downloads_valid_MusicXML()
    {
        var chromium = ExternalTool.Require("chromium", "chromium");
        var xmllint = ExternalTool.Require("xmllint", "libxml2-utils");
        ExternalTool.Require("abcm2ps", "abcm2ps");
        var schema = SharedData.Require("schemas/musicxml-4.0/musicxml.xsd");
        using var downloads = new TempDirectory("notagen-web-downloads");

        await using var server = await LiveServer.StartAsync();
        await using var browser = await DevTools.LaunchAsync(chromium, 1280, 1500);
        await browser.SendAsync("Network.enable");
        await browser.SendAsync("Page.enable");
        await browser.SendAsync("Browser.setDownloadBehavior",
            new JsonObject { ["behavior"] = "allow", ["downloadPath"] = downloads.Path, ["eventsEnabled"] = true }, browserLevel: true);
        await browser.SendAsync("Emulation.setDeviceMetricsOverride",
            new JsonObject { ["width"] = 1280, ["height"] = 1500, ["deviceScaleFactor"] = 1, ["mobile"] = false });

        await browser.SendAsync("Page.navigate", new JsonObject { ["url"] = server.Address + "" });
        await browser.WaitForAsync("document.body?.dataset.ready === 'true'", "the page loads its prompts and controls", TimeSpan.FromSeconds(30));
        Assert.True((await browser.EvaluateAsync("document.getElementById('period').options.length")).GetInt32() >= 3);

        // The cascade: a period narrows the composers, a composer the instrumentations.
        await browser.EvaluateAsync("""
            (() => {
              const pick = (id, value) => { const s = document.getElementById(id); s.value = value; s.dispatchEvent(new Event('change')); };
              pick('period', 'Romantic');
              pick('composer', 'Schubert, Franz');
              pick('instrumentation', 'Art Song');
              document.getElementById('control-bars').value = '2';
              document.getElementById('control-seed').value = '0';
            })()
            """);
        Assert.Equal("Art Song", (await browser.EvaluateAsync("document.getElementById('instrumentation').value")).GetString());
        await browser.EvaluateAsync("document.getElementById('generate').click()");

        await browser.WaitForAsync("document.getElementById('status').textContent === 'done'", "the piece is generated", TimeSpan.FromMinutes(2));
        await browser.WaitForAsync("[...document.querySelectorAll('#score img')].some(i => i.complete && i.naturalWidth > 0)",
            "the engraved score is shown", TimeSpan.FromSeconds(20));
        Assert.False((await browser.EvaluateAsync("document.getElementById('result').hidden")).GetBoolean());
        Assert.EndsWith("/download/wav", (await browser.EvaluateAsync("document.getElementById('audio').src")).GetString(), StringComparison.Ordinal);
        Assert.Contains("[r:1/0]", (await browser.EvaluateAsync("document.getElementById('live').textContent")).GetString(), StringComparison.Ordinal);
        Assert.StartsWith("X:1", (await browser.EvaluateAsync("document.getElementById('abc').textContent")).GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await browser.EvaluateAsync("document.querySelectorAll('#history li').length")).GetInt32());

        var screenshot = await browser.SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        var png = Convert.FromBase64String(screenshot.GetProperty("data").GetString()!);
        var keep = Environment.GetEnvironmentVariable("NOTAGEN_WEB_SCREENSHOT");
        await File.WriteAllBytesAsync(string.IsNullOrEmpty(keep) ? downloads.File("page.png") : keep, png);
        Assert.True(png.Length > 10_000, "the screenshot is nearly empty");

        await browser.EvaluateAsync("document.getElementById('download-musicxml').click()");
        var file = downloads.File("schubert-franz-art-song-seed0.musicxml");
        for (var i = 0; i < 100 && !File.Exists(file); i++)
            await Task.Delay(100);
        Assert.True(File.Exists(file), $"no download in {downloads.Path}: {string.Join(", ", Directory.GetFiles(downloads.Path).Select(Path.GetFileName))}");
        var validation = ExternalTool.Run(xmllint, ["--nonet", "--noout", "--schema", schema, file], downloads.Path, TimeSpan.FromMinutes(1));
        Assert.True(validation.ExitCode == 0, validation.StandardError);

        ReportPageWeight(browser);
    }

    /// <summary>The bytes each of the page's own files took on the wire (compressed), as Chromium counted them.</summary>
    private void ReportPageWeight(DevTools browser)
    {
        var urls = new Dictionary<string, string>();
        var sizes = new Dictionary<string, double>();
        foreach (var (method, parameters) in browser.Events)
        {
            if (method == "Network.responseReceived")
                urls[parameters.GetProperty("requestId").GetString()!] = parameters.GetProperty("response").GetProperty("url").GetString()!;
            else if (method == "Network.loadingFinished")
                sizes[parameters.GetProperty("requestId").GetString()!] = parameters.GetProperty("encodedDataLength").GetDouble();
        }
        var page = urls.Where(u => new Uri(u.Value).AbsolutePath is "/" or "/app.js" or "/app.css" && sizes.ContainsKey(u.Key))
            .Select(u => (Path: new Uri(u.Value).AbsolutePath, Bytes: sizes[u.Key])).ToList();
        foreach (var (path, bytes) in page)
            output.WriteLine($"on the wire: {path} {bytes:0} bytes");
        output.WriteLine($"page total (HTML + script + style, headers included): {page.Sum(p => p.Bytes):0} bytes");
        Assert.Equal(3, page.Select(p => p.Path).Distinct().Count());
    }
}
