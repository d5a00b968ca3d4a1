using NotaGen.Evaluation.Validity;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Evaluation.Tests;

public sealed class ValidityTests
{
    [SkippableFact]
    public void Abc2midi_accepts_a_clean_piece_and_rejects_one_with_an_error_line()
    {
        var check = new Abc2MidiCheck(ExternalTool.Require("abc2midi", "abcmidi"));
        Assert.True(check.Check(Pieces.Scale).Accepted);
        var bad = check.Check("X:1\nT:t\nM:4/4\nL:1/4\nK:C\nC D E F|[CEG\n");
        Assert.False(bad.Accepted);
        Assert.Contains(bad.ErrorLines, line => line.Contains("Error", StringComparison.Ordinal));
    }
}
