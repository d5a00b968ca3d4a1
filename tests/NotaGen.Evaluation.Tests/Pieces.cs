using NotaGen.Evaluation.MusPy;
using NotaGen.Evaluation.Pieces;

namespace NotaGen.Evaluation.Tests;

/// <summary>The small hand-made pieces the metric tests compute values for by hand.</summary>
internal static class Pieces
{
    /// <summary>C D E F | G4 in 4/4, quarter = L: five notes, one voice, middle C = 60.</summary>
    public const string Scale = "X:1\nL:1/4\nM:4/4\nK:C\nC D E F|G4|]\n";

    /// <summary>3/4: a C-E-G chord, a C-E dyad, a lone C, each a quarter.</summary>
    public const string Chords = "X:1\nL:1/4\nM:3/4\nK:C\n[CEG] [CE] C|]\n";

    /// <summary>Four chromatic quarters C C# D D#.</summary>
    public const string Chromatic = "X:1\nL:1/4\nM:4/4\nK:C\nC ^C D ^D|]\n";

    /// <summary>2/4, bars A A B A where A = C D and B = E F.</summary>
    public const string Repeats = "X:1\nL:1/4\nM:2/4\nK:C\nC D|C D|E F|C D|]\n";

    /// <summary>Two voices, three bars; voice 2's bar 2 is a quarter short.</summary>
    public const string Misaligned = "X:1\nL:1/4\nM:2/4\nK:C\nV:1\nC E|C E|G2|]\nV:2\nC, G,|C,|C,2|]\n";

    public static AnalyzedPiece Analyze(string abc)
    {
        var piece = AnalyzedPiece.FromAbc(abc, "test.abc");
        Xunit.Assert.True(piece.Parses, string.Join("\n", piece.Errors));
        return piece;
    }

    public static StepScore Steps(string abc) => StepScore.From(Analyze(abc).Events!);
}
