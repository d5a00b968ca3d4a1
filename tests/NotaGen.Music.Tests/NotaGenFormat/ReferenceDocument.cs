using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.NotaGenFormat;

/// <summary>Reads the fenced examples of the shared NotaGen reference (notagen.md), the expected texts of the format tests.</summary>
internal static class ReferenceDocument
{
    /// <summary>The first fenced block after the first line that contains <paramref name="marker"/>.</summary>
    public static string BlockAfter(string marker)
    {
        var lines = File.ReadAllLines(SharedData.Require("reference/notagen.md"));
        var at = Array.FindIndex(lines, line => line.Contains(marker, StringComparison.Ordinal));
        Assert.True(at >= 0, $"marker '{marker}' not found in notagen.md");
        var open = Array.FindIndex(lines, at, line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
        var close = Array.FindIndex(lines, open + 1, line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
        return string.Concat(lines[(open + 1)..close].Select(line => line + "\n"));
    }
}
