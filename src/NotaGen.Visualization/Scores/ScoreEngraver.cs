using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NotaGen.Music.IO;

namespace NotaGen.Visualization.Scores;

/// <summary>Engraves ABC text as SVG pages with <c>abcm2ps -g</c> (Debian package abcm2ps), when it is installed.</summary>
public static class ScoreEngraver
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public sealed record Engraving(IReadOnlyList<string> SvgPages, string? Problem);

    public static string? FindAbcm2ps() => ExecutableSearch.Find("abcm2ps");

    public static Engraving Engrave(string abc) => Engrave(abc, FindAbcm2ps());

    /// <summary>Engraves with the given abcm2ps executable; null means it is not installed.</summary>
    public static Engraving Engrave(string abc, string? program)
    {
        if (program is null)
            return new([], "Score not engraved: abcm2ps is not installed (Debian package abcm2ps).");

        var dir = Directory.CreateTempSubdirectory("notagen-engrave-");
        try
        {
            var input = Path.Combine(dir.FullName, "piece.abc");
            File.WriteAllText(input, abc);
            var info = new ProcessStartInfo(program)
            {
                WorkingDirectory = dir.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-g", "-q", input, "-O", Path.Combine(dir.FullName, "page.svg") })
                info.ArgumentList.Add(argument);
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return new([], $"Score not engraved: abcm2ps ran longer than {Timeout.TotalSeconds:0} s.");
            }
            // abcm2ps writes page001.svg, page002.svg, ... one file per page.
            var pages = Directory.GetFiles(dir.FullName, "page*.svg").Order(StringComparer.Ordinal).Select(File.ReadAllText).Select(InlineSvg).ToList();
            return pages.Count > 0
                ? new(pages, null)
                : new([], $"Score not engraved: abcm2ps wrote no page (exit {process.ExitCode}): {stderr.Result.Trim()}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Pages as one SVG document: a single page as it is, several one below the other (each nested at its height in
    /// px, as abcm2ps writes it). Null for none.
    /// </summary>
    public static string? Stack(IReadOnlyList<string> pages)
    {
        if (pages.Count <= 1)
            return pages.Count == 0 ? null : pages[0];
        var offset = 0.0;
        var width = 0.0;
        var body = new System.Text.StringBuilder();
        foreach (var page in pages)
        {
            var (w, h) = SizeOf(page);
            body.Append($"<svg y=\"{offset.ToString(CultureInfo.InvariantCulture)}\"").Append(page.AsSpan("<svg".Length)).Append('\n');
            offset += h;
            width = Math.Max(width, w);
        }
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{width.ToString(CultureInfo.InvariantCulture)}px\" height=\"{offset.ToString(CultureInfo.InvariantCulture)}px\">\n{body}</svg>";
    }

    private static (double Width, double Height) SizeOf(string svg)
    {
        var open = svg[..Math.Max(0, svg.IndexOf('>'))];
        double Attribute(string name)
        {
            var match = Regex.Match(open, $"\\s{name}=\"([0-9.]+)(px)?\"");
            return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }
        return (Attribute("width"), Attribute("height"));
    }

    /// <summary>The svg element alone: an XML declaration or DOCTYPE is not allowed inside an HTML page.</summary>
    private static string InlineSvg(string file)
    {
        var start = file.IndexOf("<svg", StringComparison.Ordinal);
        return start < 0 ? file : file[start..];
    }
}
