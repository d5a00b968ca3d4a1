using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.NotaGenFormat;

public class InterleaverTests
{
    // The standard-ABC tune that the reference's a.2 example is the interleaved form of (first two bars).
    private const string A2Standard = """
        %%score { ( 1 4 ) | ( 2 3 ) }
        L:1/8
        Q:1/4=92
        M:2/4
        K:Cb
        V:1 treble nm="Piano" snm="Pno."
        V:4 treble
        V:2 bass
        V:3 bass
        V:1
        "^Andante cantabile"!p! G2 | G2 EE |
        V:2
        z2 | C,4 |
        V:3
        x2 | C,G,CG, |
        V:4
        x2 | x4 |

        """;

    // The tune of the reference's a.3 training example, written by hand as standard ABC.
    private const string A3Standard = """
        %%score 1 { 2 | 3 }
        L:1/8
        Q:1/4=120
        M:3/4
        K:G
        V:1 treble nm="Voice"
        V:2 treble nm="Piano"
        V:3 bass
        V:1
        "^Allegro" d2 B G A2 | z6 | G6 |]
        V:2
        [GB]2 d4 | c6 | B6 |]
        V:3
        G,,6 | F,6 | G,,6 |]

        """;

    [SkippableFact]
    public void Interleaving_the_a2_tune_gives_the_reference_text_exactly()
    {
        var expected = ReferenceDocument.BlockAfter("Example (interleaved");
        Assert.Equal(expected, Interleaver.Interleave(A2Standard));
    }

    [SkippableFact]
    public void Training_form_of_the_a3_tune_gives_the_reference_document_exactly()
    {
        var expected = ReferenceDocument.BlockAfter("A complete training document");
        var options = InterleaveOptions.Training with { Prompt = new StylePrompt("Romantic", "Schubert, Franz", "Art Song") };
        Assert.Equal(expected, Interleaver.Interleave(A3Standard, options));
    }

    [Fact]
    public void Prefix_and_left_barline_go_on_bar_zero_and_voltas_stick_to_their_barline()
    {
        const string tune = "L:1/8\nV:1\nV:1\n[K:D] |: AB cd |1 ef :|2 gf |]\n";
        var lines = Interleaver.Interleave(tune).Split('\n');
        Assert.Equal(["L:1/8", "V:1", "[V:1][K:D]|:AB cd|1", "[V:1]ef:|2", "[V:1]gf|]", ""], lines);
    }

    [Fact]
    public void Unequal_bar_counts_are_an_error_naming_the_voice_and_line()
    {
        const string tune = "L:1/8\nV:1\nV:2\nV:1\nA|B|\nV:2\nC|\n";
        var error = Assert.Throws<MusicFormatException>(() => Interleaver.Interleave(tune, file: "t.abc"));
        Assert.StartsWith("t.abc:6:1: voice V:2 has 1 bars but V:1 has 2", error.Message);
    }

    [Fact]
    public void A_line_where_every_voice_rests_disappears_when_rests_are_reduced()
    {
        const string tune = "L:1/8\nV:1\nV:2\nV:1\nA2 | z2 | !p!z2 |\nV:2\nC2 | x2 | Z |\n";
        var reduced = Interleaver.Interleave(tune, InterleaveOptions.Training);
        Assert.Equal("L:1/8\nV:1\nV:2\n[r:0/1][V:1]A2|[V:2]C2|\n[r:1/0][V:1]!p!z2|\n", reduced);
    }
}
