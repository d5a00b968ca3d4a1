using System.Text.Json;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>
/// <c>notagen generate --continue</c> on real scores from the shared test data (standard ABC, MusicXML, MIDI) under the
/// default structure constraint: the score is converted and interleaved by the command itself, the continuation keeps
/// the prompt's bars as they are, abc2midi reads it with no error and no bar-length warning, and the figures are
/// about the new bars only. A score the grammar refuses fails with the file, bar, voice and construct.
/// </summary>
public sealed class GenerateContinuationTests
{
    private static readonly string[] SchubertSong = ["--period", "Romantic", "--composer", "Schubert, Franz", "--instrumentation", "Art Song"];

    public static TheoryData<string, int?, int> Scores => new()
    {
        // A standard ABC tune without V: lines (abcmidi's example), its first 4 of 12 bars.
        { "testdata/abc/debian__abcmidi/examples/detune_02.abc", 4, 4 },
        // MusicXML, all of its 4 bars.
        { "testdata/musicxml/cuthbertLab__music21/lilypondTestSuite/01e-Pitches-EditorialCautionaryAccidentals.xml", null, 4 },
        // A six-voice MIDI fugue (ASAP), its first 4 of 58 bars. The test data has no MIDI file; the corpus does.
        { "corpus/midi/fosfrancesco__asap-dataset/Bach/Fugue/bwv_857/midi_score.mid", 4, 4 },
    };

    [SkippableTheory]
    [MemberData(nameof(Scores))]
    public void A_score_is_continued_under_structure_with_its_bars_kept_and_figures_of_the_new_bars(string relative, int? keep, int promptBars)
    {
        var score = SharedData.Require(relative);
        using var temp = new TempDirectory();
        string[] keepBars = keep is { } k ? ["--continue-bars", k.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        var result = Notagen.Run(temp.Path, ["generate", .. SchubertSong, "--continue", score, .. keepBars, "--more-bars", "3",
            "--seed", "1", "--threads", "1", "--synth", "builtin", "--out", "out"]);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains($"3 new bar(s) after the prompt's {promptBars}", result.StandardOutput, StringComparison.Ordinal);

        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("out/generation.json")));
        Assert.Equal("structure", summary.RootElement.GetProperty("constraint").GetString());
        Assert.Equal(promptBars, summary.RootElement.GetProperty("continued").GetProperty("prompt_bars").GetInt32());
        var piece = summary.RootElement.GetProperty("pieces")[0];
        Assert.Equal(promptBars, piece.GetProperty("prompt_bars").GetInt32());
        // The figures count the new bars only.
        Assert.Equal(3, piece.GetProperty("bars").GetInt32());
        Assert.True(piece.GetProperty("parses").GetBoolean(), piece.GetProperty("problem").ToString());
        Assert.Equal(0, piece.GetProperty("bar_alignment_error").GetDouble());

        // The continuation's first bars are the prompt's, as the converter writes them in NotaGen's form (standard ABC
        // goes through MusicXML first, as NotaGen's data did).
        var stem = temp.File("out/schubert-franz-art-song-seed1");
        var raw = BodyLines(File.ReadAllText(stem + ".raw.txt"));
        Assert.Equal(promptBars + 3, raw.Count);
        var source = score;
        if (score.EndsWith(".abc", StringComparison.Ordinal))
        {
            source = temp.File("score.musicxml");
            var toXml = Notagen.Run(temp.Path, "convert", score, source);
            Assert.True(toXml.ExitCode == 0, toXml.StandardError);
        }
        var convert = Notagen.Run(temp.Path, "convert", source, temp.File("prompt.abc"), "--interleaved");
        Assert.True(convert.ExitCode == 0, convert.StandardError);
        var prompt = BodyLines(File.ReadAllText(temp.File("prompt.abc"))).Take(promptBars).ToList();
        Assert.Equal(prompt, raw.Take(promptBars).ToList());

        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        var bad = Abc2Midi.Complaints(Abc2Midi.Play(abc2midi, stem + ".abc", temp.File("abc2midi.mid"), temp.Path));
        Assert.True(bad.Count == 0, $"abc2midi says\n{string.Join('\n', bad)}\n{File.ReadAllText(stem + ".abc")}");
    }

    [Fact]
    public void A_score_the_grammar_refuses_fails_naming_file_bar_voice_and_construct()
    {
        // Voice 2 ties a chord over the bar line (a single note may be tied over, a chord not).
        using var temp = new TempDirectory();
        var score = temp.File("chord-tie.abc");
        File.WriteAllText(score, "X:1\nT:Chord tie\n%%score 1 2\nL:1/8\nM:3/4\nK:G\nV:1 treble\nV:2 bass\n[V:1]G6|B6|d6|\n[V:2]G,6|[G,B,]6-|[G,B,]6|\n");
        var result = Notagen.Run(temp.Path, ["generate", .. SchubertSong, "--continue", score, "--out", "out"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{score}:bar ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(", voice 2, column ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("refuses a tie at '-|'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("constraint none", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("out")), "nothing is written for a refused prompt");

        // Without the constraint the same score is continued.
        var free = Notagen.Run(temp.Path, ["generate", .. SchubertSong, "--continue", score, "--constraint", "none", "--more-bars", "1",
            "--threads", "1", "--synth", "builtin", "--out", "out"]);
        Assert.True(free.ExitCode == 0, free.StandardOutput + free.StandardError);
    }

    [SkippableFact]
    public void A_score_tying_a_note_over_the_bar_line_is_continued_under_the_structure_constraint()
    {
        // abcm2ps's sample4_04 ties a note of voice 2 over the bar line, which the grammar refused before it carried ties.
        var score = SharedData.Require("testdata/abc/debian__abcm2ps/examples/sample4_04.abc");
        using var temp = new TempDirectory();
        var result = Notagen.Run(temp.Path, ["generate", .. SchubertSong, "--continue", score, "--more-bars", "1",
            "--threads", "1", "--synth", "builtin", "--out", "out"]);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("-|", File.ReadAllText(Directory.GetFiles(temp.File("out"), "*.raw.txt").Single()), StringComparison.Ordinal);
    }

    private static List<string> BodyLines(string text) => text.Split('\n')
        .Where(l => l.Contains("[V:", StringComparison.Ordinal))
        .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"^\[r:[0-9]+/[0-9]+\]", ""))
        .ToList();
}
