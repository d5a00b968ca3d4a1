using System.Diagnostics;
using NotaGen.Music.IO;
using NotaGen.Visualization.Images;

namespace NotaGen.Notebooks.Display;

/// <summary>
/// Renders an engraved score's SVG as a PNG with <c>rsvg-convert</c> (Debian package librsvg2-bin), when it is
/// installed, so front ends that show neither HTML nor SVG still show the score. Transparent like the SVG, at its size.
/// </summary>
public static class ScoreRasterizer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public sealed record Raster(byte[]? Png, string? Problem);

    public static string? FindRsvgConvert() => ExecutableSearch.Find("rsvg-convert");

    public static Raster Rasterize(string svg) => Rasterize(svg, FindRsvgConvert());

    /// <summary>Renders with the given rsvg-convert executable; null means it is not installed.</summary>
    public static Raster Rasterize(string svg, string? program)
    {
        if (program is null)
            return new(null, "Score not rendered as PNG: rsvg-convert is not installed (Debian package librsvg2-bin).");
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No file argument: the SVG comes on standard input and the PNG goes to standard output (no temporary files).
        foreach (var argument in new[] { "--format", "png" })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var png = new MemoryStream();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(png);
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.Write(svg);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // rsvg-convert stopped reading (a broken SVG): its exit code and message say why, below.
        }
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return new(null, $"Score not rendered as PNG: rsvg-convert ran longer than {Timeout.TotalSeconds:0} s.");
        }
        stdout.Wait(Timeout);
        var bytes = png.ToArray();
        if (process.ExitCode != 0 || bytes.Length == 0)
            return new(null, $"Score not rendered as PNG: rsvg-convert failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
        return new(PngRecompression.Smallest(bytes), null);
    }
}
