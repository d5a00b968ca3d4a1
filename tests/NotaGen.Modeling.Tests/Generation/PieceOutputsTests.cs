using NotaGen.Generation;
using NotaGen.Generation.Outputs;
using NotaGen.Music;
using NotaGen.Music.Midi;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;
using Xunit;

namespace NotaGen.Modeling.Tests.Generation;

/// <summary>A generated piece through the music library: validity report, MusicXML and MIDI.</summary>
public class PieceOutputsTests
{
    private const string Header =
        "%Romantic\n%Schubert, Franz\n%Art Song\n%%score 1 { 2 | 3 }\nL:1/8\nQ:1/4=120\nM:3/4\nK:G\n" +
        "V:1 treble nm=\"Voice\"\nV:2 treble nm=\"Piano\"\nV:3 bass\n";

    private const string AlignedBody = "[V:1]d2 B G A2|[V:2][GB]2 d4|[V:3]G,,6|\n[V:2]c6|[V:3]F,6|\n[V:1]G6|][V:2]B6|][V:3]G,,6|]\n";

    // Bar 2 of voice 2 lasts 4 eighths instead of 6.
    private const string MisalignedBody = "[V:1]d2 B G A2|[V:2][GB]2 d4|[V:3]G,,6|\n[V:2]c4|[V:3]F,6|\n[V:1]G6|][V:2]B6|][V:3]G,,6|]\n";

    private static GeneratedPiece Generate(string body)
    {
        var target = new BarPatchTokenizer().EncodeTraining(Header + body);
        return new PieceGenerator(new OracleDecoder(target)).Generate(
            PieceRequest.ForStyle(new StylePrompt("Romantic", "Schubert, Franz", "Art Song")), new GenerationOptions());
    }

    [Fact]
    public void An_aligned_piece_is_valid_and_exports_to_MusicXML_and_MIDI()
    {
        var piece = Generate(AlignedBody);
        Assert.Equal(StopReason.EndPatch, piece.Stop);

        var validity = piece.Validity();
        Assert.True(validity.Restores);
        Assert.True(validity.Parses, validity.Problem);
        Assert.Equal(3, validity.Voices);
        Assert.Equal(3, validity.Bars);
        Assert.Equal(0, validity.MisalignedBars);
        Assert.Equal(0.0, validity.BarAlignmentError);
        Assert.True(validity.Valid);

        var xml = piece.ToMusicXml();
        Assert.Equal("score-partwise", xml.Root!.Name.LocalName);
        Assert.Contains(xml.Descendants(), e => e.Name.LocalName == "part");
        // d B G A, [GB] d, G,, | c, F, | G, B, G,,: pitched notes of every voice are there.
        Assert.True(xml.Descendants().Count(e => e.Name.LocalName == "pitch") >= 12);

        var midi = piece.ToMidi();
        var keys = midi.MergedEvents().Select(e => e.Event).OfType<NoteOnEvent>().Where(n => n.Velocity > 0).Select(n => n.Key).ToList();
        Assert.Contains(74, keys);  // d (D5)
        Assert.Contains(43, keys);  // G,, (G2)
        Assert.True(keys.Count >= 12, $"{keys.Count} notes");
    }

    [Fact]
    public void Bars_whose_voices_disagree_count_in_the_alignment_error()
    {
        var validity = Generate(MisalignedBody).Validity();
        Assert.True(validity.Parses, validity.Problem);
        Assert.Equal(1, validity.MisalignedBars);
        Assert.Equal(1.0 / 3, validity.BarAlignmentError, 9);
        Assert.False(validity.Valid);
    }

    [Fact]
    public void A_piece_that_cannot_be_restored_reports_why_and_refuses_to_export()
    {
        // Two voices and no %%score line: which voices show their rests cannot be told, so rests cannot be restored.
        var unfinished = new GeneratedPiece("%Romantic\nL:1/8\nM:3/4\nK:G\nV:1 treble\nV:2 bass\n[r:0/0][V:1]d6|[V:2]G,6|\n",
            StopReason.PatchLimit, 3, TimeSpan.Zero, 0);
        var validity = unfinished.Validity();
        Assert.False(validity.Restores);
        Assert.False(validity.Parses);
        Assert.Contains("%%score", validity.Problem, StringComparison.Ordinal);
        Assert.Throws<MusicFormatException>(() => unfinished.ToMusicXml());
        Assert.Throws<MusicFormatException>(() => unfinished.ToMidi());
    }
}
