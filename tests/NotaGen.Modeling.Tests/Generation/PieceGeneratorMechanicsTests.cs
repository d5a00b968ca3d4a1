using NotaGen.Generation;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;
using Xunit;

namespace NotaGen.Modeling.Tests.Generation;

/// <summary>The loop's mechanics against <see cref="OracleDecoder"/>, which writes the reference a.3 document.</summary>
public class PieceGeneratorMechanicsTests
{
    private const string Document =
        "%Romantic\n%Schubert, Franz\n%Art Song\n%%score 1 { 2 | 3 }\nL:1/8\nQ:1/4=120\nM:3/4\nK:G\n" +
        "V:1 treble nm=\"Voice\"\nV:2 treble nm=\"Piano\"\nV:3 bass\n" +
        "[V:1]\"^Allegro\" d2 B G A2|[V:2][GB]2 d4|[V:3]G,,6|\n[V:2]c6|[V:3]F,6|\n[V:1]G6|][V:2]B6|][V:3]G,,6|]\n";

    private static readonly PieceRequest Schubert = PieceRequest.ForStyle(new StylePrompt("Romantic", "Schubert, Franz", "Art Song"));

    private static IReadOnlyList<Patch> Target(string document = Document) => new BarPatchTokenizer().EncodeTraining(document);

    private static string[] BodyLines(string text) =>
        text.Split('\n').Where(l => l.StartsWith("[r:", StringComparison.Ordinal)).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_loop_writes_the_models_patches_and_stops_on_the_end_patch(bool cached)
    {
        var events = new List<PatchStreamEvent>();
        var piece = new PieceGenerator(new OracleDecoder(Target())).Generate(
            Schubert, new GenerationOptions { UseCache = cached, OnPatch = events.Add });

        Assert.Equal(StopReason.EndPatch, piece.Stop);
        Assert.Equal(BarPatchTokenizer.Decode(Target()), piece.RawText);
        // 26 patches: BOS + 4 prompt patches were given, the EOS patch ends it, 20 were written.
        Assert.Equal(20, piece.Patches);
        Assert.Equal(20, events.Count);
        Assert.Equal(piece.RawText[..piece.RawText.IndexOf("%%score", StringComparison.Ordinal)] + string.Concat(events.Select(e => e.Text)), piece.RawText);
        Assert.Equal(Enumerable.Range(0, 20), events.Select(e => e.PatchIndex));
        Assert.False(events[0].InBody);
        Assert.True(events[^1].InBody);
    }

    [Fact]
    public void The_finished_piece_is_restored_to_full_voices_without_prompt_or_counters()
    {
        var piece = new PieceGenerator(new OracleDecoder(Target())).Generate(Schubert, new GenerationOptions());
        var restored = piece.Restore();

        Assert.Null(restored.Error);
        var lines = restored.Abc!.Split('\n');
        Assert.Equal("X:1", lines[0]);
        Assert.DoesNotContain(lines, l => l.StartsWith("%Romantic", StringComparison.Ordinal) || l.Contains("[r:", StringComparison.Ordinal));
        // Bar 1 had no voice 1 and bar 2 was written in full: every body line now holds voices 1, 2 and 3 in order.
        var body = lines.Where(l => l.StartsWith("[V:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, body.Count);
        Assert.All(body, l => Assert.Matches(@"^\[V:1\].*\[V:2\].*\[V:3\]", l));
        Assert.StartsWith("[V:1]z6|[V:2]c6|", body[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_cached_loop_runs_one_patch_step_per_patch_and_the_recomputing_loop_reruns_everything()
    {
        var cachedDecoder = new OracleDecoder(Target());
        new PieceGenerator(cachedDecoder).Generate(Schubert, new GenerationOptions { UseCache = true });
        var recomputeDecoder = new OracleDecoder(Target());
        new PieceGenerator(recomputeDecoder).Generate(Schubert, new GenerationOptions { UseCache = false });

        // Cached: one prefill + one step per accepted patch; recomputing: one full run per written patch (incl. the
        // discarded first body attempt, which reuses the same state).
        Assert.Equal(1 + 20, cachedDecoder.PatchForwardCalls);
        Assert.Equal(21, recomputeDecoder.PatchForwardCalls);
        Assert.True(recomputeDecoder.CharForwardCalls > 0);
    }

    [Fact]
    public void A_fixed_bar_count_forces_every_counter_and_stops_after_the_last_bar()
    {
        var piece = new PieceGenerator(new OracleDecoder(Target())).Generate(Schubert with { Bars = 2 }, new GenerationOptions());

        Assert.Equal(StopReason.BarCount, piece.Stop);
        var lines = BodyLines(piece.RawText);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("[r:0/1][V:1]\"^Allegro\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("[r:1/0][V:2]c6", lines[1], StringComparison.Ordinal);
        Assert.True(piece.Finished);
    }

    [Fact]
    public void Forced_key_meter_and_tempo_replace_the_models_header_lines()
    {
        var piece = new PieceGenerator(new OracleDecoder(Target())).Generate(
            Schubert with { Key = "Eb", Meter = "6/8", Tempo = "1/4=66" }, new GenerationOptions());

        var header = piece.RawText.Split('\n');
        Assert.Contains("K:Eb", header);
        Assert.Contains("M:6/8", header);
        Assert.Contains("Q:1/4=66", header);
        Assert.DoesNotContain("K:G", header);
        Assert.DoesNotContain("M:3/4", header);
        Assert.Equal(StopReason.EndPatch, piece.Stop);
    }

    [Fact]
    public void A_forced_line_the_model_never_writes_is_placed_before_the_voice_declarations()
    {
        var withoutTempo = Document.Replace("Q:1/4=120\n", "", StringComparison.Ordinal);
        var piece = new PieceGenerator(new OracleDecoder(Target(withoutTempo))).Generate(
            Schubert with { Tempo = "3/8=40" }, new GenerationOptions { MaxPatches = 40 });

        var header = piece.RawText.Split('\n').ToList();
        var tempo = header.IndexOf("Q:3/8=40");
        Assert.True(tempo > header.IndexOf("K:G"), piece.RawText);
        Assert.True(tempo < header.FindIndex(l => l.StartsWith("V:", StringComparison.Ordinal)), piece.RawText);
    }

    [Fact]
    public void A_continuation_keeps_the_given_bars_and_writes_the_requested_number_more()
    {
        var twoBars = Document[..Document.IndexOf("[V:1]G6", StringComparison.Ordinal)];
        var request = new PieceRequest { PromptLines = Schubert.PromptLines, Continue = twoBars[twoBars.IndexOf("%%score", StringComparison.Ordinal)..], MoreBars = 1 };

        var piece = new PieceGenerator(new OracleDecoder(Target())).Generate(request, new GenerationOptions());

        Assert.Equal(StopReason.BarCount, piece.Stop);
        Assert.Equal(BarPatchTokenizer.Decode(Target()), piece.RawText);
        Assert.Equal("[r:2/0][V:1]G6|][V:2]B6|][V:3]G,,6|]\n".Length, piece.GeneratedCharacters);
    }

    [Fact]
    public void Limits_on_characters_patches_time_and_cancellation_stop_the_piece()
    {
        var generator = new PieceGenerator(new OracleDecoder(Target()));

        var chars = generator.Generate(Schubert, new GenerationOptions { MaxCharacters = 100 });
        Assert.Equal(StopReason.CharacterLimit, chars.Stop);
        Assert.InRange(chars.RawText.Length, 101, 100 + PatchVocabulary.PatchSize);

        var patches = generator.Generate(Schubert, new GenerationOptions { MaxPatches = 5 });
        Assert.Equal(StopReason.PatchLimit, patches.Stop);
        Assert.Equal(5, patches.Patches);

        var time = generator.Generate(Schubert, new GenerationOptions { MaxDuration = TimeSpan.Zero });
        Assert.Equal(StopReason.TimeLimit, time.Stop);
        Assert.Equal(0, time.Patches);

        using var cancel = new CancellationTokenSource();
        var cancelled = generator.Generate(Schubert, new GenerationOptions
        {
            OnPatch = e =>
            {
                if (e.PatchIndex == 2)
                    cancel.Cancel();
            },
        }, cancel.Token);
        Assert.Equal(StopReason.Cancelled, cancelled.Stop);
        Assert.Equal(3, cancelled.Patches);
        Assert.False(cancelled.Finished);
    }

    [Fact]
    public void A_batch_gives_each_piece_what_it_would_get_alone()
    {
        var generator = new PieceGenerator(new OracleDecoder(Target()));
        var requests = new[] { Schubert with { Bars = 2 }, Schubert, Schubert with { Key = "D" } };

        var batch = generator.GenerateBatch(requests, new GenerationOptions());
        var alone = requests.Select(r => generator.Generate(r, new GenerationOptions())).ToList();

        Assert.Equal(alone.Select(p => p.RawText), batch.Select(p => p.RawText));
        Assert.Equal(alone.Select(p => p.Stop), batch.Select(p => p.Stop));
    }
}
