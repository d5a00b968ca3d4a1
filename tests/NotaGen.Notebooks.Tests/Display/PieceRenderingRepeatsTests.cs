using System.Globalization;
using NotaGen.Audio.Rendering;
using NotaGen.Notebooks.Display;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Notebooks.Tests.Display;

/// <summary>The notebooks' audio helper plays repeats as <c>notagen render</c> does; <c>playRepeats: false</c> plays the bars once. Lengths read by sox.</summary>
public sealed class PieceRenderingRepeatsTests
{
    // Two bars of 2/4 at 120 quarters a minute (1 s a bar) inside a repeat, then one more bar: 5 s played, 3 s notated.
    private const string Abc = "X:1\nM:2/4\nL:1/8\nQ:1/4=120\nK:C\n|:c2 d2|e2 f2:|g4|]\n";

    private static double SoxSeconds(byte[] wav)
    {
        var sox = ExternalTool.Require("sox", "sox");
        using var temp = new TempDirectory();
        var path = temp.File("piece.wav");
        File.WriteAllBytes(path, wav);
        var result = ExternalTool.Run(sox, ["--i", "-D", path], temp.Path, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.StandardError);
        return double.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public void Rendered_audio_plays_the_repeats_unless_told_not_to()
    {
        var played = SoxSeconds(PieceRendering.Render(Abc, synthesizer: Synthesizer.BuiltIn).Wav!);
        var once = SoxSeconds(PieceRendering.Render(Abc, synthesizer: Synthesizer.BuiltIn, playRepeats: false).Wav!);
        // The same release tail ends both: the difference is the two repeated bars.
        Assert.InRange(played - once, 1.99, 2.01);
    }
}
