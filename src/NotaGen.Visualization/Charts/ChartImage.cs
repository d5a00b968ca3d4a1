using System.Diagnostics;
using System.Text;
using NotaGen.Music.IO;
using Plotly.NET;

namespace NotaGen.Visualization.Charts;

/// <summary>
/// Static export of Plotly.NET charts for papers (SVG, PNG) through headless Chromium (Debian package
/// <c>chromium</c>). plotly.js draws the chart in the page and its own <c>Plotly.toImage</c> makes the image, so the
/// export looks exactly like the interactive chart; a small script writes the image's data URL into the DOM, which
/// <c>--dump-dom</c> prints once the page's (virtual) time budget has run out.
/// </summary>
public static class ChartImage
{
    /// <summary>Overrides where Chromium is looked for (a full path), e.g. for another Chromium build.</summary>
    public const string ChromiumVariable = "NOTAGEN_CHROMIUM";

    private const string Marker = "NOTAGEN-IMAGE:";

    public static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Writes the chart as an SVG file (atomically), <paramref name="width"/> × <paramref name="height"/> px.</summary>
    public static void SaveSvg(this GenericChart chart, string path, int width = 900, int height = 560) =>
        AtomicFile.WriteAllText(path, chart.ToSvg(width, height));

    /// <summary>Writes the chart as a PNG file (atomically); <paramref name="scale"/> multiplies the pixel size.</summary>
    public static void SavePng(this GenericChart chart, string path, int width = 900, int height = 560, double scale = 2) =>
        AtomicFile.WriteAllBytes(path, chart.ToPng(width, height, scale));

    public static string ToSvg(this GenericChart chart, int width = 900, int height = 560)
    {
        var url = Render(chart, "svg", width, height, 1);
        const string prefix = "data:image/svg+xml,";
        if (!url.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidOperationException($"plotly.js returned an unexpected SVG data URL ({url[..Math.Min(40, url.Length)]}...)");
        return Uri.UnescapeDataString(url[prefix.Length..]);
    }

    public static byte[] ToPng(this GenericChart chart, int width = 900, int height = 560, double scale = 2)
    {
        var url = Render(chart, "png", width, height, scale);
        const string prefix = "data:image/png;base64,";
        if (!url.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidOperationException($"plotly.js returned an unexpected PNG data URL ({url[..Math.Min(40, url.Length)]}...)");
        return Convert.FromBase64String(url[prefix.Length..]);
    }

    /// <summary>The Chromium executable, or a clear error naming the Debian package.</summary>
    public static string FindChromium() => FindChromium(Environment.GetEnvironmentVariable("PATH") ?? "");

    /// <summary>As <see cref="FindChromium()"/>, searching <paramref name="searchPath"/> (PATH's format) instead of PATH.</summary>
    public static string FindChromium(string searchPath)
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new FileNotFoundException($"{ChromiumVariable} names '{configured}', which does not exist");
        }
        return ExecutableSearch.Find(["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"], searchPath)
            ?? throw new FileNotFoundException(
                "Static chart export (SVG/PNG) needs headless Chromium, which is not on PATH: install the Debian package " +
                $"'chromium' (apt-get install chromium) or set {ChromiumVariable} to a Chromium executable. " +
                "SaveHtml works without it.");
    }

    /// <summary>The data URL plotly.js makes for the chart in headless Chromium.</summary>
    private static string Render(GenericChart chart, string format, int width, int height, double scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        var chromium = FindChromium();
        var dir = Path.Combine(Path.GetTempPath(), $"notagen-chart-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var page = Path.Combine(dir, "chart.html");
            File.WriteAllText(page, Page(chart, format, width, height, scale), Encoding.UTF8);
            var output = RunChromium(chromium, dir, page);
            // The script's own text holds the marker split in two, so only the written result matches.
            var start = output.LastIndexOf(Marker, StringComparison.Ordinal);
            if (start < 0)
                throw new InvalidOperationException($"headless Chromium drew no {format.ToUpperInvariant()} image (plotly.js did not finish in time)");
            start += Marker.Length;
            var end = output.IndexOf('<', start);
            var text = System.Net.WebUtility.HtmlDecode(output[start..(end < 0 ? output.Length : end)]).Trim();
            if (text.StartsWith("ERROR ", StringComparison.Ordinal))
                throw new InvalidOperationException($"plotly.js could not export the chart: {text[6..]}");
            return text;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { /* Chromium may still hold a file; the OS cleans temp */ }
        }
    }

    /// <summary>
    /// The chart's page with a script that, once the chart is drawn, asks plotly.js for the image and writes its data
    /// URL into a <c>pre</c> (text content, so --dump-dom escapes it).
    /// </summary>
    private static string Page(GenericChart chart, string format, int width, int height, double scale)
    {
        var html = GenericChart.toEmbeddedHTML(chart.Inlined());
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var script = $$"""
            <script type="text/javascript">
            window.addEventListener('load', function () {
              var out = document.createElement('pre');
              out.id = 'notagen-image';
              function done(text) { out.textContent = '{{Marker[..8]}}' + '{{Marker[8..]}}' + text; document.body.appendChild(out); }
              try {
                var plot = document.querySelector('.js-plotly-plot');
                if (!plot) { done('ERROR no chart was drawn'); return; }
                Plotly.toImage(plot, { format: '{{format}}', width: {{width}}, height: {{height}}, scale: {{scale.ToString(invariant)}} })
                  .then(done, function (e) { done('ERROR ' + e); });
              } catch (e) { done('ERROR ' + e); }
            });
            </script>
            """;
        var close = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return close < 0 ? html + script : html[..close] + script + html[close..];
    }

    private static string RunChromium(string chromium, string dir, string page)
    {
        var info = new ProcessStartInfo(chromium)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // --virtual-time-budget lets the page's promises (toImage) settle before --dump-dom prints the DOM; a private
        // profile directory keeps runs independent and leaves nothing in the user's Chromium profile.
        string[] arguments =
        [
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--allow-file-access-from-files",
            $"--user-data-dir={Path.Combine(dir, "profile")}", "--virtual-time-budget=30000", "--dump-dom",
            new Uri(page).AbsoluteUri,
        ];
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {chromium}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"headless Chromium ran longer than {Timeout.TotalSeconds:0} s exporting a chart; it was stopped");
        }
        process.WaitForExit();
        if (process.ExitCode != 0 && !stdout.Result.Contains(Marker, StringComparison.Ordinal))
            throw new InvalidOperationException($"headless Chromium failed (exit code {process.ExitCode}): {LastLines(stderr.Result)}");
        return stdout.Result;
    }

    private static string LastLines(string text) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}
