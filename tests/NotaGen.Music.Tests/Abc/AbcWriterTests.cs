using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Abc.Writing;
using NotaGen.Music.Time;
using Xunit;

namespace NotaGen.Music.Tests.Abc;

public sealed class AbcWriterTests
{
    [Theory]
    [InlineData("X:1\r\nT:crlf\r\nK:C\r\nA  B\tc|]\r\n")]
    [InlineData("%%score (1 2)\nL:1/8\nK:G\nV:1\n[V:1]\"^x\"!p! G2|[V:2]z2|")]
    [InlineData("X:1\nK:C\n[C,E^G]3/2- [CEG]//(3::2abc {/d}e !junk G # ]\n")]
    public void Unmodified_text_comes_back_exactly(string text)
    {
        Assert.Equal(text, AbcWriter.Write(AbcParser.Parse(text)));
    }

    [Fact]
    public void An_edited_note_is_written_canonically_and_the_rest_verbatim()
    {
        var document = AbcParser.Parse("X:1\nK:C\nA2  B/2 c'|\n");
        var tune = document.Tunes[0];
        var line = (AbcMusicLine)tune.Body[0];
        var elements = line.Elements.ToList();
        var index = elements.FindIndex(e => e is AbcNote { Pitch.Step: 'B' });
        var b = (AbcNote)elements[index];
        elements[index] = b with { Pitch = b.Pitch with { Accidental = new AbcAccidental(AbcAccidentalKind.Flat), Octave = 1 }, Length = new AbcLength(new Rational(3, 4)) };
        var edited = tune with { Body = [line with { Elements = elements }] };
        Assert.Equal("X:1\nK:C\nA2  _b3/4 c'|\n", AbcWriter.Write(edited));
    }

    [Fact]
    public void Nodes_built_in_code_are_written_in_canonical_form()
    {
        AbcElement[] elements =
        [
            new AbcNote(new AbcPitch(AbcAccidental.None, 'C', -1), new AbcLength(new Rational(1, 2))),
            new AbcChord([new AbcNote(new AbcPitch(new AbcAccidental(AbcAccidentalKind.Sharp), 'F', 2), AbcLength.One)], new AbcLength(2)),
            new AbcTuplet(3, 2, 3),
            new AbcRest(false, new AbcLength(new Rational(1, 4))),
            new AbcBarline(":|", "2"),
            new AbcMultiMeasureRest(false, 4),
            new AbcInlineField('K', "D"),
            new AbcDecoration("p"),
            new AbcAnnotation("^Allegro"),
        ];
        Assert.Equal("C,/[^f']2(3:2:3z/4:|2Z4[K:D]!p!\"^Allegro\"", AbcWriter.Write(elements));
    }
}
