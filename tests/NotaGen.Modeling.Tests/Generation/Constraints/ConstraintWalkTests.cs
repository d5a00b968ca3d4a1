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
        var bodies = new System.Text.StringBuilder();
        for (var seed = 0; seed < 40; seed++)
        {
            var text = ConstraintWalk.Run(new ScoreGrammar(level, bars: bars), seed);
            Assert.Contains("[r:0/" + (bars - 1) + "]", text, StringComparison.Ordinal);
            Assert.Equal(bars, text.Split('\n').Count(line => line.StartsWith("[r:", StringComparison.Ordinal)));
            bodies.Append(text[text.IndexOf("[r:", StringComparison.Ordinal)..]);
        }
        // The walks go through the widened constructs.
        foreach (var construct in new[] { ">", "<", ">>", ".", "- ", "-|" })
            Assert.Contains(construct, bodies.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"\([A-Ga-g^_=\[][^)\n]*\|", bodies.ToString());   // a slur over the bar line
    }

    [Fact]
    public void The_allowed_set_is_exactly_the_ids_the_cursor_advances_over()
    {
        // Allowed takes shortcuts (forced literals, ids that are never text); every id is checked against Advance here.
        var grammar = new ScoreGrammar(ConstraintLevel.Structure, bars: 3);
        Span<bool> allowed = stackalloc bool[128];
        for (var seed = 0; seed < 5; seed++)
        {
            var text = ConstraintWalk.Run(grammar, seed);
            var cursor = grammar.Start();
            for (var i = 0; i < text.Length; i++)
            {
                foreach (var position in new[] { 0, 1, 15 })
                {
                    cursor.Allowed(position, allowed);
                    for (var id = 0; id < 128; id++)
                    {
                        var probe = cursor;
                        Assert.True(allowed[id] == probe.Advance(id, position), $"seed {seed}, character {i}, id {id}, position {position}");
                    }
                }
                Assert.True(cursor.Advance(text[i], 0));
            }
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

    [Theory]
    // xml2abc's staff grouping with voice 4 declared before 3, a fermata in every voice, names with \n, repeats.
    [InlineData("%%score 1 { ( 2 4 ) | 3 }\nL:1/8\nM:3/4\nK:F\nV:1 treble nm=\"Singstimme\\nVoice\"\nV:2 treble nm=\"Piano\"\nV:4 treble\nV:3 bass\n"
        + "[r:0/3][V:1]\"^Moderato un poco Andante\" c2 d2 e2|:[V:2]A2 B2 c2|:[V:3]F,6|:[V:4]x6|:\n"
        + "[r:1/2][V:1]f2 !fermata!e2 d2::[V:2]c2 !fermata!c2 B2::[V:3]C,2 !fermata!C,2 D,2::[V:4]x2 !fermata!x2 x2::\n"
        + "[r:2/1][V:1]c6:|[V:3]F,6:|\n"
        + "[r:3/0][V:1]!fermata!f6|][V:2]!fermata![FAc]6|][V:3]!fermata!F,6|][V:4]!fermata!z6|]\n")]
    public void Restored_pieces_with_the_data_s_constructs_are_read_cleanly_by_abc2midi_and_abcm2ps(string piece)
    {
        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        var abcm2ps = ExternalTool.Require("abcm2ps", "abcm2ps");
        var raw = ConstraintWalk.Prompt + piece;
        Assert.True(new ScoreGrammar(ConstraintLevel.Structure).Start().AdvanceText(raw, out var failed), $"refused at {failed}");
        using var temp = new TempDirectory();
        var restored = RestoredPiece.From(raw);
        Assert.True(restored.Abc is not null, restored.Error);
        var file = temp.File("piece.abc");
        File.WriteAllText(file, restored.Abc);
        var bad = Abc2Midi.Complaints(Abc2Midi.Play(abc2midi, file, temp.File("piece.mid"), temp.Path, "-NFER"));
        Assert.True(bad.Count == 0, $"abc2midi -NFER says\n{string.Join('\n', bad)}\n{restored.Abc}");
        var played = Abc2Midi.Complaints(Abc2Midi.Play(abc2midi, file, temp.File("piece.mid"), temp.Path))
            .Where(l => !l.Contains("time units", StringComparison.Ordinal)).ToList();
        Assert.True(played.Count == 0, $"abc2midi says\n{string.Join('\n', played)}\n{restored.Abc}");
        var ps = ExternalTool.Run(abcm2ps, ["-q", "-O", temp.File("piece.ps"), file], temp.Path, TimeSpan.FromMinutes(1));
        Assert.True(ps.ExitCode == 0 && !(ps.StandardOutput + ps.StandardError).Contains("error", StringComparison.OrdinalIgnoreCase),
            $"abcm2ps exit {ps.ExitCode}\n{ps.StandardOutput}{ps.StandardError}\n{restored.Abc}");
        Assert.True(PieceValidity.Of(restored).Valid, PieceValidity.Of(restored).Problem);
    }

    [Fact]
    public void Restored_random_walks_are_read_cleanly_by_abc2midi_and_abcm2ps()
    {
        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        var abcm2ps = ExternalTool.Require("abcm2ps", "abcm2ps");
        using var temp = new TempDirectory();
        var raws = new System.Text.StringBuilder();
        var headers = new System.Text.StringBuilder();
        for (var seed = 0; seed < 25; seed++)
        {
            var raw = ConstraintWalk.Run(new ScoreGrammar(ConstraintLevel.Structure, bars: 5), 1000 + seed);
            raws.Append(raw[raw.IndexOf("[r:", StringComparison.Ordinal)..]);
            headers.Append(raw[..raw.IndexOf("[r:", StringComparison.Ordinal)]);
            var restored = RestoredPiece.From(raw);
            Assert.True(restored.Abc is not null, $"seed {seed}: {restored.Error}\n{raw}");
            var file = temp.File($"walk{seed}.abc");
            File.WriteAllText(file, restored.Abc);

            // abc2midi doubles a fermata element and then reports its bar as too long ("Bar 3 has 7/2 time units while
            // the time signature has 3"), even with every voice holding it: bars are checked as notated with -NFER
            // (fermatas not lengthened), and played as written only for what the constraint's fermata rule promises,
            // every voice's track the same length.
            var bad = Abc2Midi.Complaints(Abc2Midi.Play(abc2midi, file, temp.File($"walk{seed}.mid"), temp.Path, "-NFER"));
            Assert.True(bad.Count == 0, $"seed {seed}: abc2midi -NFER says\n{string.Join('\n', bad)}\n{restored.Abc}");
            var played = Abc2Midi.Complaints(Abc2Midi.Play(abc2midi, file, temp.File($"walk{seed}.mid"), temp.Path))
                .Where(l => !l.Contains("time units", StringComparison.Ordinal)).ToList();
            Assert.True(played.Count == 0, $"seed {seed}: abc2midi says\n{string.Join('\n', played)}\n{restored.Abc}");

            var ps = ExternalTool.Run(abcm2ps, ["-q", "-O", temp.File($"walk{seed}.ps"), file], temp.Path, TimeSpan.FromMinutes(1));
            // "Line too much shrunk" is page layout, not notation: a uniform walk packs dozens of 64th notes and long
            // annotations into one bar, which is one staff line in NotaGen's one-bar-per-line text. Every other error counts.
            var psErrors = (ps.StandardOutput + ps.StandardError).Split('\n')
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) && !l.Contains("Line too much shrunk", StringComparison.Ordinal)).ToList();
            Assert.True(psErrors.Count == 0, $"seed {seed}: abcm2ps exit {ps.ExitCode}\n{string.Join('\n', psErrors)}\n{restored.Abc}");
        }
        // The tools read the widened constructs too: broken rhythm both ways, staccato dots, a space before a tied
        // note, a tie over the bar line.
        foreach (var construct in new[] { ">", "<", ".", "- ", "-|", ":|" })
            Assert.Contains(construct, raws.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"\([A-Ga-g^_=\[][^)\n]*\|", raws.ToString());   // and a slur over the bar line
        // And voices declared out of numeric order.
        var scores = headers.ToString().Split('\n').Where(l => l.StartsWith("%%score", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Matches(l, @"\d+").Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList());
        Assert.Contains(scores, ids => !ids.SequenceEqual(ids.Order()));
    }
}
