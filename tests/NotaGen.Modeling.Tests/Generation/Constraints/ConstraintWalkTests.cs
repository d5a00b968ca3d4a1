using NotaGen.Generation;
using NotaGen.Generation.Constraints;
using NotaGen.Generation.Outputs;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Modeling.Tests.Generation.Constraints;

/// <summary>
/// The property the constraint promises: whatever a sampler picks among the allowed characters, the text completes
/// into a piece, and the independent tools read the restored piece cleanly (abc2midi: no error, no bar-length or
/// track-length warning; abcm2ps: no error).
/// </summary>
public class ConstraintWalkTests
{
    [Theory]
    [InlineData(ConstraintLevel.Structure, 6)]
    [InlineData(ConstraintLevel.Syntax, 3)]
    public void Random_walks_always_complete(ConstraintLevel level, int bars)
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var text = ConstraintWalk.Run(new ScoreGrammar(level, bars: bars), seed);
            Assert.Contains("[r:0/" + (bars - 1) + "]", text, StringComparison.Ordinal);
            Assert.Equal(bars, text.Split('\n').Count(line => line.StartsWith("[r:", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void A_walk_without_a_bar_count_ends_with_the_end_patch_after_the_last_counted_line()
    {
        // The model picks the bar count on line 0; uniform walks pick large ones, so only a few seeds.
        for (var seed = 0; seed < 3; seed++)
        {
            var text = ConstraintWalk.Run(new ScoreGrammar(ConstraintLevel.Structure), seed);
            var last = text.TrimEnd('\n').Split('\n')[^1];
            Assert.Matches(@"^\[r:\d+/0\]", last);
        }
    }

    [Fact]
    public void Restored_random_walks_are_read_cleanly_by_abc2midi_and_abcm2ps()
    {
        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        var abcm2ps = ExternalTool.Require("abcm2ps", "abcm2ps");
        using var temp = new TempDirectory();
        for (var seed = 0; seed < 25; seed++)
        {
            var raw = ConstraintWalk.Run(new ScoreGrammar(ConstraintLevel.Structure, bars: 5), 1000 + seed);
            var restored = RestoredPiece.From(raw);
            Assert.True(restored.Abc is not null, $"seed {seed}: {restored.Error}\n{raw}");
            var file = temp.File($"walk{seed}.abc");
            File.WriteAllText(file, restored.Abc);

            var midi = ExternalTool.Run(abc2midi, [file, "-o", temp.File($"walk{seed}.mid")], temp.Path, TimeSpan.FromMinutes(1));
            var midiLines = (midi.StandardOutput + midi.StandardError).Split('\n');
            var bad = midiLines.Where(l => l.Contains("Error", StringComparison.Ordinal) || l.Contains("time units", StringComparison.Ordinal)
                || l.Contains("quarter notes long", StringComparison.Ordinal)).ToList();
            Assert.True(bad.Count == 0, $"seed {seed}: abc2midi says\n{string.Join('\n', bad)}\n{restored.Abc}");

            var ps = ExternalTool.Run(abcm2ps, ["-q", "-O", temp.File($"walk{seed}.ps"), file], temp.Path, TimeSpan.FromMinutes(1));
            // "Line too much shrunk" is page layout, not notation: a uniform walk packs dozens of 64th notes and long
            // annotations into one bar, which is one staff line in NotaGen's one-bar-per-line text. Every other error counts.
            var psErrors = (ps.StandardOutput + ps.StandardError).Split('\n')
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) && !l.Contains("Line too much shrunk", StringComparison.Ordinal)).ToList();
            Assert.True(psErrors.Count == 0, $"seed {seed}: abcm2ps exit {ps.ExitCode}\n{string.Join('\n', psErrors)}\n{restored.Abc}");
        }
    }
}
