using System.Globalization;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>
/// <c>notagen render</c> end to end: a WAV rendered from ABC with a repeat and endings plays them (bar 1, ending 1,
/// bar 1, ending 2; with three endings, bar 1 a third time and ending 3; an ending for passes 1 and 2 twice), and
/// <c>--no-repeats</c> plays the notated bars once. Lengths are measured by sox, an independent reader of the WAV files.
/// </summary>
public sealed class RenderCommandTests
{
    // 4/4 at 120 quarters a minute: each bar lasts exactly 2 s. Each case: the music, the bars played beyond the notated ones.
    [SkippableTheory]
    [InlineData("|: C D E F |1 G A B c :|2 c B A G |]", 1)] // 1 e1 1 e2: 4 bars of 3
    [InlineData("|: C D E F |1 G A B c :|2 c B A G :|3 C4 |]", 2)] // 1 e1 1 e2 1 e3: 6 of 4
    [InlineData("|: C D E F |1,2 G A B c :|3 c B A G |]", 3)] // 1 e1 1 e1 1 e3: 6 of 3
    public void A_wav_rendered_from_abc_plays_its_repeat_and_endings_and_no_repeats_plays_the_bars_once(string music, int extraBars)
    {
        var sox = ExternalTool.Require("sox", "sox");
        using var temp = new TempDirectory("render-repeats");
        File.WriteAllText(temp.File("endings.abc"), $"X:1\nT:Endings\nM:4/4\nL:1/4\nQ:1/4=120\nK:C\n{music}\n");

        var played = Notagen.Run(temp.Path, "render", "endings.abc", "played.wav", "--synth", "builtin");
        Assert.True(played.ExitCode == 0, played.StandardError);
        var once = Notagen.Run(temp.Path, "render", "endings.abc", "once.wav", "--synth", "builtin", "--no-repeats");
        Assert.True(once.ExitCode == 0, once.StandardError);

        double Seconds(string wav)
        {
            var result = ExternalTool.Run(sox, ["--i", "-D", wav], temp.Path, TimeSpan.FromMinutes(1));
            Assert.True(result.ExitCode == 0, result.StandardError);
            return double.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        }
        var playedSeconds = Seconds(temp.File("played.wav"));
        var onceSeconds = Seconds(temp.File("once.wav"));
        // Both end on the same last bar, so the release after it is the same: the difference is the bars played again.
        var notatedBars = music.Count(c => c == '|') - 1;
        Assert.InRange(onceSeconds, 2.0 * notatedBars, 2.0 * notatedBars + 2);
        Assert.InRange(playedSeconds - onceSeconds, 2.0 * extraBars - 0.01, 2.0 * extraBars + 0.01);
    }

    [SkippableFact]
    public void Ctrl_c_stops_a_long_render_exits_130_and_writes_no_file()
    {
        ExternalTool.Require("fluidsynth", "fluidsynth");
        using var temp = new TempDirectory("render-interrupt");
        // 1,500 bars at 1/4=120: 3,000 s of music, tens of seconds for FluidSynth, so the interrupt lands mid-render.
        File.WriteAllText(temp.File("long.abc"), "X:1\nT:Long\nM:4/4\nL:1/4\nQ:1/4=120\nK:C\n" +
            string.Concat(Enumerable.Repeat("C E G c | B G F D |\n", 750)));
        var result = Notagen.Interrupt(temp.Path, TimeSpan.FromSeconds(3), "render", "long.abc", "long.wav", "--synth", "fluidsynth");
        Assert.True(result.ExitCode == 130, $"exit {result.ExitCode}: {result.StandardError}");
        Assert.Contains("cancelled", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(["long.abc"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }
}
