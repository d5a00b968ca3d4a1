using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Time;
using Xunit;

namespace NotaGen.Music.Tests.Abc;

public sealed class AbcParserTests
{
    private static List<AbcElement> Music(string line)
    {
        var document = AbcParser.Parse("X:1\nK:C\n" + line + "\n");
        Assert.False(document.HasErrors, string.Join("\n", document.Diagnostics));
        return document.Tunes.Single().Body.OfType<AbcMusicLine>().Single().Elements.Where(e => e is not AbcSpace).ToList();
    }

    [Fact]
    public void Header_and_body_are_split_at_the_key_field()
    {
        var document = AbcParser.Parse("%abc-2.1\n\nX:1\nT:Tune\nM:3/4\nL:1/8\nK:Gm\nABc|\n\nfree text\nX:2\nK:D\nd4|\n", "t.abc");
        Assert.Equal(2, document.Tunes.Count);
        var first = document.Tunes[0];
        Assert.Equal(["X", "T", "M", "L", "K"], first.HeaderFields.Select(f => f.Letter.ToString()));
        Assert.Single(first.Body);
        Assert.IsType<AbcTextLine>(first.Trailer[1]);
        Assert.Equal(1, first.ReferenceNumber);
        Assert.Equal("Tune", first.Title);
        Assert.Equal(2, document.FileHeader.Count);
    }

    [Fact]
    public void Text_without_reference_field_is_one_tune()
    {
        var document = AbcParser.Parse("%%score { 1 | 2 }\nL:1/8\nK:G\nV:1 treble\nV:2 bass\n[V:1]G2|[V:2]z2|\n\n[V:1]A2|[V:2]x2|\n");
        Assert.False(document.HasErrors);
        var tune = Assert.Single(document.Tunes);
        Assert.Equal(3, tune.Body.OfType<AbcMusicLine>().Count() + tune.Body.OfType<AbcBlankLine>().Count());
    }

    [Theory]
    [InlineData("C", 'C', 0, AbcAccidentalKind.None)]
    [InlineData("c", 'C', 1, AbcAccidentalKind.None)]
    [InlineData("c''", 'C', 3, AbcAccidentalKind.None)]
    [InlineData("C,,", 'C', -2, AbcAccidentalKind.None)]
    [InlineData("^f", 'F', 1, AbcAccidentalKind.Sharp)]
    [InlineData("^^F,", 'F', -1, AbcAccidentalKind.DoubleSharp)]
    [InlineData("_B", 'B', 0, AbcAccidentalKind.Flat)]
    [InlineData("__e'", 'E', 2, AbcAccidentalKind.DoubleFlat)]
    [InlineData("=g", 'G', 1, AbcAccidentalKind.Natural)]
    public void Notes_read_step_octave_and_accidental(string text, char step, int octave, AbcAccidentalKind accidental)
    {
        var note = Assert.IsType<AbcNote>(Assert.Single(Music(text)));
        Assert.Equal(step, note.Pitch.Step);
        Assert.Equal(octave, note.Pitch.Octave);
        Assert.Equal(accidental, note.Pitch.Accidental.Kind);
    }

    [Theory]
    [InlineData("A", 1, 1)]
    [InlineData("A2", 2, 1)]
    [InlineData("A/2", 1, 2)]
    [InlineData("A/", 1, 2)]
    [InlineData("A//", 1, 4)]
    [InlineData("A///", 1, 8)]
    [InlineData("A3/2", 3, 2)]
    [InlineData("A3/", 3, 2)]
    [InlineData("A/16", 1, 16)]
    public void Lengths_are_exact_fractions(string text, int numerator, int denominator)
    {
        var note = Assert.IsType<AbcNote>(Assert.Single(Music(text)));
        Assert.Equal(new Rational(numerator, denominator), note.Length.Multiplier);
    }

    [Fact]
    public void Chords_keep_inner_lengths_and_their_own_length()
    {
        var chord = Assert.IsType<AbcChord>(Assert.Single(Music("[C2E/G]3/2")));
        Assert.Equal([Rational.FromInteger(2), new Rational(1, 2), Rational.One], chord.Notes.Select(n => n.Length.Multiplier));
        Assert.Equal(new Rational(3, 2), chord.Length.Multiplier);
    }

    [Fact]
    public void Rhythm_marks_are_read()
    {
        var elements = Music("(3abc (3:2:4d/e/f/g/ A>B C<<D E-E (F G) {/g}A {ag}B");
        var first = (AbcTuplet)elements[0];
        Assert.Equal((3, (int?)null, (int?)null), (first.P, first.Q, first.R));
        var tuplet = Assert.IsType<AbcTuplet>(elements[4]);
        Assert.Equal((3, 2, 4), (tuplet.P, tuplet.Q!.Value, tuplet.R!.Value));
        Assert.Contains(elements, e => e is AbcBrokenRhythm { FirstLonger: true, Count: 1 });
        Assert.Contains(elements, e => e is AbcBrokenRhythm { FirstLonger: false, Count: 2 });
        Assert.Contains(elements, e => e is AbcTie);
        Assert.Equal(2, elements.OfType<AbcSlur>().Count());
        var graces = elements.OfType<AbcGraceGroup>().ToList();
        Assert.True(graces[0].Acciaccatura);
        Assert.Equal(2, graces[1].Items.OfType<AbcNote>().Count());
    }

    [Fact]
    public void Rests_and_multi_measure_rests()
    {
        var elements = Music("z2 x/ Z4 X Z");
        Assert.Equal((false, Rational.FromInteger(2)), (((AbcRest)elements[0]).Invisible, ((AbcRest)elements[0]).Length.Multiplier));
        Assert.Equal((true, new Rational(1, 2)), (((AbcRest)elements[1]).Invisible, ((AbcRest)elements[1]).Length.Multiplier));
        Assert.Equal((false, 4), (((AbcMultiMeasureRest)elements[2]).Invisible, ((AbcMultiMeasureRest)elements[2]).Bars));
        Assert.Equal((true, 1), (((AbcMultiMeasureRest)elements[3]).Invisible, ((AbcMultiMeasureRest)elements[3]).Bars));
        Assert.Equal((false, 1), (((AbcMultiMeasureRest)elements[4]).Invisible, ((AbcMultiMeasureRest)elements[4]).Bars));
    }

    [Fact]
    public void Decorations_annotations_and_inline_fields()
    {
        var elements = Music("!trill!+fermata+.~TuvA \"Am7\"\"^Allegro\"B [K:D][M:3/4][L:1/16][Q:1/4=90][V:2][r:3/12]c");
        var decorations = elements.OfType<AbcDecoration>().Select(d => d.StandardName).ToList();
        Assert.Equal(["trill", "fermata", "staccato", "roll", "trill", "upbow", "downbow"], decorations);
        var annotations = elements.OfType<AbcAnnotation>().ToList();
        Assert.True(annotations[0].IsChordSymbol);
        Assert.Equal('^', annotations[1].Placement);
        Assert.Equal("KMLQVr", string.Concat(elements.OfType<AbcInlineField>().Select(f => f.Letter)));
    }

    [Theory]
    [InlineData("|", null)]
    [InlineData("||", null)]
    [InlineData("|]", null)]
    [InlineData("[|", null)]
    [InlineData("|:", null)]
    [InlineData(":|", null)]
    [InlineData("::", null)]
    [InlineData(":|:", null)]
    [InlineData(":||:", null)]
    [InlineData("|1", "1")]
    [InlineData(":|2", "2")]
    [InlineData("|1,3", "1,3")]
    [InlineData(".|", null)]
    [InlineData("[|]", null)]
    public void Barlines_and_voltas(string text, string? volta)
    {
        var elements = Music("A" + text + "B");
        var barline = Assert.IsType<AbcBarline>(elements[1]);
        Assert.Equal(text[..(text.Length - (volta?.Length ?? 0))], barline.Symbol);
        Assert.Equal(volta, barline.Volta);
        Assert.IsType<AbcNote>(elements[2]);
    }

    [Fact]
    public void Separate_volta_bracket()
    {
        var elements = Music("A| [2B");
        Assert.Equal("2", Assert.IsType<AbcVolta>(elements[2]).Numbers);
    }

    [Fact]
    public void Every_element_knows_its_line_and_column()
    {
        var document = AbcParser.Parse("X:1\nK:C\nAB |\n  [CE]2 z|\n");
        var second = document.Tunes[0].Body.OfType<AbcMusicLine>().ElementAt(1);
        var chord = second.Elements.OfType<AbcChord>().Single();
        Assert.Equal(new AbcPosition(4, 3, 15), chord.Position);
        Assert.Equal(new AbcPosition(4, 4, 16), chord.Notes.First().Position);
        Assert.Equal(4, second.Elements.OfType<AbcRest>().Single().Position.Line);
        Assert.Equal(9, second.Elements.OfType<AbcRest>().Single().Position.Column);
    }

    [Fact]
    public void Errors_have_file_line_column_and_all_are_reported()
    {
        var document = AbcParser.Parse("X:1\nK:C\nAB [CE | c\"unclosed\nd !trill G # |\nM:7/x\n", "song.abc");
        var errors = document.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("song.abc:3:4: unclosed chord '['", errors);
        Assert.Contains(errors, e => e.StartsWith("song.abc:3:11: unclosed annotation", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("song.abc:4:3: unclosed decoration", StringComparison.Ordinal));
        Assert.Contains("song.abc:4:12: unexpected character '#'", errors);
        Assert.Contains(errors, e => e.StartsWith("song.abc:5:3: meter '7/x'", StringComparison.Ordinal));
        // What follows an error is still read.
        Assert.Contains(document.Tunes[0].Body.OfType<AbcMusicLine>().First().Elements, e => e is AbcBarline);
        var exception = Assert.Throws<AbcParseException>(() => document.ThrowIfErrors());
        Assert.IsAssignableFrom<MusicFormatException>(exception);
        Assert.Equal((3, 4), (exception.Line, exception.Column));
        Assert.Equal(errors.Count, exception.Diagnostics.Count);
        Assert.Equal("song.abc:3:4: unclosed chord '['", exception.Message);
    }

    [Fact]
    public void Microtonal_accidentals_are_kept_as_written()
    {
        var note = Assert.IsType<AbcNote>(Assert.Single(Music("^3/2c")));
        Assert.Equal(AbcAccidentalKind.Microtonal, note.Pitch.Accidental.Kind);
        Assert.Equal("^3/2", note.Pitch.Accidental.Text);
        Assert.Null(note.Pitch.Accidental.Semitones);
    }

    [Fact]
    public void Fields_with_comments_lyrics_and_continuations_are_kept()
    {
        var document = AbcParser.Parse("X:1\nK:G % key\nabc \\\ndef|\nw: la la la\nW: words\n%%MIDI program 1\nI:linebreak $\n");
        Assert.False(document.HasErrors, string.Join("\n", document.Diagnostics));
        var key = document.Tunes[0].HeaderFields.Single(f => f.Letter == 'K');
        Assert.Equal("G", key.TrimmedValue);
        Assert.Equal(" % key", key.Comment);
        var body = document.Tunes[0].Body;
        Assert.IsType<AbcContinuation>(body.OfType<AbcMusicLine>().First().Elements.Last());
        Assert.Equal(" la la la", body.OfType<AbcFieldLine>().Single(f => f.Letter == 'w').Value);
        Assert.Equal("MIDI", body.OfType<AbcDirectiveLine>().Single().Name);
    }
}
