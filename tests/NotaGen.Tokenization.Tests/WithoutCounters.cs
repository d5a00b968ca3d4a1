using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Tokenization.Tests;

/// <summary>A decoded document with the counter removed from the start of every line.</summary>
internal static class WithoutCounters
{
    public static string Text(string document) => string.Join('\n', document.Split('\n').Select(BarCounters.Strip));
}
