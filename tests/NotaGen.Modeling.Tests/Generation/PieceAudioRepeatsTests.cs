using System.Globalization;
using NotaGen.Audio.Rendering;
using NotaGen.Generation.Outputs;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Modeling.Tests.Generation;

/// <summary>
/// The .wav written beside a generated piece plays its repeats, as <c>notagen render</c> does; the option turns that off.
/// Lengths are read by sox, which nobody here wrote.
/// </summary>
public class PieceAudioRepeatsTests
{
    // Two bars of 2/4 at 120 quarters a minute (1 s a bar) inside a repeat: 4 s played, 2 s notated.
    private const string Raw =
        "%Romantic\n%Schubert, Franz\n%Art Song\n%%score 1\nL:1/8\nQ:1/4=120\nM:2/4\nK:C\nV:1 treble nm=\"Voice\"\n" +
        "[V:1]|:c2 d2|\n[V:1]e2 f2:|\n";

    private static double SoxSeconds(string wav)
    {
        var sox = ExternalTool.Require("sox", "sox");
        var result = ExternalTool.Run(sox, ["--i", "-D", wav], Path.GetTempPath(), TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.StandardError);
        return double.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public void The_wav_of_a_generated_piece_plays_its_repeats_unless_told_not_to()
    {
        using var temp = new TempDirectory();
        var played = new PieceExporter(Synthesizer.BuiltIn).Write(Raw, temp.Path, "played");
        var once = new PieceExporter(Synthesizer.BuiltIn, playRepeats: false).Write(Raw, temp.Path, "once");
        Assert.True(played.Wav is not null, string.Join("; ", played.Problems));
        Assert.True(once.Wav is not null, string.Join("; ", once.Problems));
        // Both end with the same release tail, so the difference is the repeated two bars.
        var difference = SoxSeconds(played.Wav!) - SoxSeconds(once.Wav!);
        Assert.InRange(difference, 1.99, 2.01);
    }
}
