using System.Runtime.CompilerServices;
namespace NotaGen.Music.MusicXml;

/// <summary>
/// Writes ABC tuplet prefixes (<c>(3</c>, <c>(p:q:r</c>) from MusicXML time modifications and tuplet start/stop
/// marks, nesting included: an inner tuplet's ratio is taken relative to the enclosing one.
/// </summary>
internal static class TupletNotation
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Annotate(List<VoiceItem> measure, MeasureLocation location)
    {
        for (var ix = 0; ix < measure.Count; ix++)
        {
            if (measure[ix] is NoteItem { Factor: not null, Grace: false })
                ix = ReadTuplet(ix, measure, (1, 1), location, depth: 0).End;
        }
    }

    private static (int End, int Count) ReadTuplet(int ix, List<VoiceItem> notes, (int N, int D) outer, MeasureLocation location, int depth)
    {
        if (depth > 16)
            throw new MusicFormatException("", location.ToString(), "tuplets nested more than 16 deep");
        var first = (NoteItem)notes[ix];
        first.TupletMarks.Remove("start");
        var start = ix;
        var (num, den) = first.Factor!.Value;
        if (outer.N == 0 || outer.D == 0)
            throw new MusicFormatException("", location.ToString(), "a nested tuplet has a time modification smaller than the tuplet around it");
        var ratio = (N: num / outer.N, D: den / outer.D);
        var count = 0;
        var last = ix;
        while (ix < notes.Count)
        {
            if (notes[ix] is not NoteItem nx || nx.Grace)
            {
                ix++;
                continue;
            }
            if (nx.TupletMarks.Contains("start"))
            {
                var (end, inner) = ReadTuplet(ix, notes, ratio, location, depth + 1);
                ix = end;
                count += inner;
                // The reference keeps looking at the inner tuplet's first note here; so do we, for identical output.
            }
            else if (nx.Factor is not null)
                count++;
            if (nx.TupletMarks.Remove("stop"))
                break;
            if (nx.Factor is null)
            {
                ix = last;
                break;
            }
            last = ix;
            ix++;
        }
        var prefix = (ratio.N, ratio.D, count) == (3, 2, 3) ? "(3" : $"({ratio.N}:{ratio.D}:{count}";
        first.TupletPrefix = prefix + first.TupletPrefix;
        return (ix, count);
    }
}
