using NotaGen.Evaluation.Style;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Evaluation.Tests;

public sealed class HarmonyFeaturesTests(ITestOutputHelper output)
{
    [Fact]
    public void Sonorities_are_classed_as_triads_and_seventh_chords_with_applied_dominants_counted()
    {
        // C, G7 (on the fifth degree), C#dim7, C+ (the C# of the bar cancelled) | Am, Dm7, D7 (an applied dominant), C: eight sonorities, each a change.
        var f = HarmonyOf("X:1\nL:1/4\nM:4/4\nK:C\n[CEG] [B,DFG] [^CEG_B] [=CE^G]|[A,CE] [DFAc] [D^FAc] [CEG]|]\n");
        Assert.Equal(3 / 8.0, F(f, "major/minor triads"), 12);
        Assert.Equal(1 / 8.0, F(f, "augmented triads"), 12);
        Assert.Equal(2 / 8.0, F(f, "dominant sevenths"), 12);
        Assert.Equal(1 / 8.0, F(f, "minor sevenths"), 12);
        Assert.Equal(1 / 8.0, F(f, "diminished sevenths"), 12);
        Assert.Equal(0, F(f, "other sonorities"));
        Assert.Equal(1 / 2.0, F(f, "dominant sevenths off the fifth degree"), 12);
        Assert.Equal(Math.Log(1 + 8 / 2.0) / 3, F(f, "sonority changes per bar"), 12);
    }

    [Fact]
    public void A_chromatic_line_is_chromatic_steps_a_run_and_a_stepwise_bass()
    {
        var f = HarmonyOf("X:1\nL:1/4\nM:4/4\nK:C\nC ^C D ^D|E4|]\n");
        Assert.Equal(1, F(f, "chromatic steps"), 12);        // C-C#-D-D#-E: every step leaves or enters C major
        Assert.Equal(1 / 2.0, F(f, "chromatic runs per bar"), 12); // one run of three semitones one way, two bars
        Assert.Equal(1, F(f, "bass steps"), 12);
        var diatonic = HarmonyOf("X:1\nL:1/4\nM:4/4\nK:C\nC D E F|G4|]\n");
        Assert.Equal(0, F(diatonic, "chromatic steps"));
        Assert.Equal(0, F(diatonic, "chromatic runs per bar"));
    }

    [Fact]
    public void A_modulation_from_C_to_E_is_one_window_key_change_four_fifths_away()
    {
        const string inC = "C E G c|G E C G,|C D E F|G2 C2|";
        const string inE = "E ^G B e|B ^G E B,|E ^F ^G A|B2 E2|";
        var f = HarmonyOf($"X:1\nL:1/4\nM:4/4\nK:C\n{inC}{inE}]\n");
        output.WriteLine(string.Join(", ", HarmonyFeatures.Names.Select((n, i) => $"{n} {f[i]:0.###}")));
        Assert.Equal(1, F(f, "window key changes"), 12);
        Assert.Equal(4 / 2.0 / 6, F(f, "mean key distance"), 12);
        Assert.Equal(4 / 6.0, F(f, "widest key distance"), 12);
        var home = HarmonyOf($"X:1\nL:1/4\nM:4/4\nK:C\n{inC}{inC}]\n");
        Assert.Equal(0, F(home, "window key changes"));
        Assert.Equal(0, F(home, "widest key distance"));
        Assert.All(f.Concat(home), v => Assert.InRange(v, 0, 1));
    }

    private static double F(double[] features, string name) => features[Array.IndexOf(HarmonyFeatures.Names, name)];

    private static double[] HarmonyOf(string abc)
    {
        var analyzed = Pieces.Analyze(abc);
        Assert.True(analyzed.Parses, string.Join("; ", analyzed.Errors));
        var all = StyleFeatures.Extract(analyzed);
        Assert.Equal(StyleFeatures.Length, all.Length);
        return all[^HarmonyFeatures.Length..];
    }
}
