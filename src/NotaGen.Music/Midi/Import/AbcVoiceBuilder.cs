using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Abc.Writing;
using NotaGen.Music.Time;

namespace NotaGen.Music.Midi.Import;

/// <summary>
/// Writes one imported voice bar by bar as ABC elements: rests fill the gaps, a note that crosses a bar line is
/// split and tied, and notes in a beat quantised to triplets are written as a <c>(3:2:n</c> group (split and tied
/// at the beat's edges so that every group fills its beat exactly).
/// </summary>
internal sealed class AbcVoiceBuilder(
    IReadOnlyList<Bar> bars,
    IReadOnlyList<(Rational Start, Rational End)> tripletWindows,
    MidiImportOptions options,
    bool invisibleRests)
{
    private static readonly Rational Beat = new(1, 4);
    private static readonly Rational TupletScale = new(3, 2);
    private readonly Rational unit = new(1, options.UnitDenominator);

    private sealed record Piece(Rational Start, Rational End, IReadOnlyList<int>? Keys, bool TiedOut);

    /// <summary>The elements of every bar (without bar lines); <paramref name="spellerAt"/> gives the speller for a bar.</summary>
    /// <param name="cancel">Checked for every bar.</param>
    public List<List<AbcElement>> Build(IReadOnlyList<ImportedChord> chords, Func<int, PitchSpeller> spellerAt, CancellationToken cancel = default)
    {
        var result = new List<List<AbcElement>>(bars.Count);
        var next = 0;
        for (var b = 0; b < bars.Count; b++)
        {
            cancel.ThrowIfCancellationRequested();
            var bar = bars[b];
            var pieces = new List<Piece>();
            var cursor = bar.Start;
            while (next < chords.Count && chords[next].End <= bar.Start)
                next++;
            for (var i = next; i < chords.Count && chords[i].Onset < bar.End; i++)
            {
                var chord = chords[i];
                var start = Rational.Max(chord.Onset, bar.Start);
                if (start > cursor)
                    pieces.Add(new Piece(cursor, start, null, false));
                var end = Rational.Min(chord.End, bar.End);
                pieces.Add(new Piece(start, end, chord.Keys, chord.End > bar.End));
                cursor = end;
            }
            if (cursor < bar.End)
                pieces.Add(new Piece(cursor, bar.End, null, false));
            var speller = spellerAt(b);
            speller.NewBar();
            result.Add(Elements(bar, SplitAtTripletWindows(pieces), speller));
        }
        return result;
    }

    private List<Piece> SplitAtTripletWindows(List<Piece> pieces)
    {
        if (tripletWindows.Count == 0)
            return pieces;
        var result = new List<Piece>();
        foreach (var piece in pieces)
        {
            var start = piece.Start;
            foreach (var cut in Cuts(piece.Start, piece.End))
            {
                result.Add(piece with { Start = start, End = cut, TiedOut = piece.Keys is not null });
                start = cut;
            }
            result.Add(piece with { Start = start });
        }
        return result;
    }

    /// <summary>Edges of triplet windows strictly inside (start, end), in order, each once.</summary>
    private List<Rational> Cuts(Rational start, Rational end)
    {
        var cuts = new SortedSet<Rational>();
        for (var i = FirstWindowEndingAfter(start); i < tripletWindows.Count && tripletWindows[i].Start < end; i++)
        {
            var (ws, we) = tripletWindows[i];
            if (ws > start)
                cuts.Add(ws);
            if (we < end)
                cuts.Add(we);
        }
        return [.. cuts];
    }

    private int FirstWindowEndingAfter(Rational time)
    {
        int lo = 0, hi = tripletWindows.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (tripletWindows[mid].End <= time)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    private (Rational Start, Rational End)? TripletWindowOf(Piece piece)
    {
        var i = FirstWindowEndingAfter(piece.Start);
        return i < tripletWindows.Count && tripletWindows[i].Start <= piece.Start && piece.End <= tripletWindows[i].End
            ? tripletWindows[i]
            : null;
    }

    private List<AbcElement> Elements(Bar bar, List<Piece> pieces, PitchSpeller speller)
    {
        var elements = new List<AbcElement>();
        for (var i = 0; i < pieces.Count;)
        {
            var piece = pieces[i];
            if (i > 0 && ((piece.Start - bar.Start) / Beat).IsInteger)
                elements.Add(new AbcSpace(" "));
            if (TripletWindowOf(piece) is { } window)
            {
                var group = new List<Piece>();
                while (i < pieces.Count && pieces[i].Start >= window.Start && pieces[i].End <= window.End)
                    group.Add(pieces[i++]);
                var needsTuplet = group.Any(p => !((p.Start - window.Start) / options.Grid).IsInteger || !((p.End - window.Start) / options.Grid).IsInteger);
                if (needsTuplet)
                    elements.Add(group.Count == 3 ? new AbcTuplet(3) : new AbcTuplet(3, 2, group.Count));
                foreach (var p in group)
                    Write(elements, p, speller, needsTuplet ? TupletScale : Rational.One);
                continue;
            }
            Write(elements, piece, speller, Rational.One);
            i++;
        }
        return elements;
    }

    private void Write(List<AbcElement> elements, Piece piece, PitchSpeller speller, Rational scale)
    {
        var length = new AbcLength((piece.End - piece.Start) * scale / unit);
        if (piece.Keys is null)
        {
            elements.Add(new AbcRest(invisibleRests, length));
            return;
        }
        if (piece.Keys.Count == 1)
        {
            elements.Add(new AbcNote(speller.Write(piece.Keys[0]), length));
        }
        else
        {
            var notes = piece.Keys.Select(k => (AbcElement)new AbcNote(speller.Write(k), AbcLength.One)).ToList();
            elements.Add(new AbcChord(notes, length));
        }
        if (piece.TiedOut)
            elements.Add(new AbcTie());
    }
}
