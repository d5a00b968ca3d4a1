using System.Text.Json;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>
/// The main job on the bundled model (data/models/default, copied beside notagen.dll): the README's command writes the
/// five files, and independent tools accept them. Generation is seeded and single-threaded, so the piece is the same on
/// every run. Seed 0 is one whose 8 bars the tools accept; not every seed's are (the bundled model is small and briefly
/// trained): data/models/default/README.md reports the parse rate and bar alignment error over 60 seeds.
/// </summary>
public sealed class GenerateCommandTests
{
    private static readonly string[] SchubertSong = ["--period", "Romantic", "--composer", "Schubert, Franz", "--instrumentation", "Art Song"];

    [Fact]
    public void Prompts_lists_the_bundled_models_triples_with_piece_counts()
    {
        var result = Notagen.Run(Path.GetTempPath(), "prompts", "--composer", "Schubert", "--json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var song = json.RootElement.EnumerateArray().Single(e => e.GetProperty("instrumentation").GetString() == "Art Song");
        Assert.Equal("Romantic", song.GetProperty("period").GetString());
        Assert.True(song.GetProperty("pieces").GetInt32() > 10);
    }

    [Fact]
    public void An_unknown_triple_fails_with_the_nearest_known_ones()
    {
        using var temp = new TempDirectory();
        var result = Notagen.Run(temp.Path, "generate", "--period", "Romantic", "--composer", "Schubert", "--instrumentation", "Art Song", "--out", "out");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--composer \"Schubert, Franz\"", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("out")), "nothing is written for a rejected prompt");
    }

    [Fact]
    public void Ctrl_c_stops_generation_after_the_piece_in_hand_and_writes_the_summary()
    {
        using var temp = new TempDirectory();
        // 200 pieces take minutes; the interrupt comes once the model is loaded and pieces are being written.
        var result = Notagen.Interrupt(temp.Path, TimeSpan.FromSeconds(10),
            ["generate", .. SchubertSong, "--count", "200", "--threads", "1", "--synth", "builtin", "--out", "out"]);
        Assert.True(result.ExitCode == 130, $"exit {result.ExitCode}: {result.StandardError}");
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("out/generation.json")));
        var pieces = summary.RootElement.GetProperty("pieces").GetArrayLength();
        Assert.InRange(pieces, 1, 199);
    }

    [SkippableFact]
    public void Generate_writes_five_files_that_independent_tools_accept()
    {
        using var temp = new TempDirectory();
        var result = Notagen.Run(temp.Path, ["generate", .. SchubertSong, "--bars", "8", "--seed", "0", "--threads", "1", "--synth", "builtin", "--out", "out"]);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("bar 8/8", result.StandardOutput, StringComparison.Ordinal);

        var stem = Path.Combine(temp.Path, "out", "schubert-franz-art-song-seed0");
        foreach (var extension in new[] { ".raw.txt", ".abc", ".musicxml", ".mid", ".wav" })
            Assert.True(new FileInfo(stem + extension).Length > 0, $"{stem}{extension} is missing or empty");
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("out/generation.json")));
        var piece = summary.RootElement.GetProperty("pieces")[0];
        Assert.True(piece.GetProperty("parses").GetBoolean());
        Assert.Equal(8, piece.GetProperty("bars").GetInt32());
        // The default structure constraint: every bar aligned, and the run says which constraint wrote it.
        Assert.Equal("structure", summary.RootElement.GetProperty("constraint").GetString());
        Assert.Equal(0, piece.GetProperty("bar_alignment_error").GetDouble());

        var check = Notagen.Run(temp.Path, "abc", "check", stem + ".abc");
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);

        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        var reference = Abc2Midi.Play(abc2midi, stem + ".abc", temp.File("abc2midi.mid"), temp.Path);
        Assert.DoesNotContain("Error", reference.StandardOutput + reference.StandardError, StringComparison.Ordinal);

        var xmllint = ExternalTool.Require("xmllint", "libxml2-utils");
        var schema = SharedData.Require("schemas/musicxml-4.0/musicxml.xsd");
        var validation = ExternalTool.Run(xmllint, ["--nonet", "--noout", "--schema", schema, stem + ".musicxml"], temp.Path, TimeSpan.FromMinutes(1));
        Assert.True(validation.ExitCode == 0, validation.StandardError);

        var python = ExternalTool.RequirePythonModule("mido", "python3-mido");
        var mido = ExternalTool.Run(python,
            ["-c", "import mido, sys; m = mido.MidiFile(sys.argv[1]); print(sum(1 for t in m.tracks for e in t if e.type == 'note_on' and e.velocity > 0))", stem + ".mid"],
            temp.Path, TimeSpan.FromMinutes(1));
        Assert.True(mido.ExitCode == 0, mido.StandardError);
        Assert.True(int.Parse(mido.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture) > 0, "the MIDI file has no notes");
    }
}
