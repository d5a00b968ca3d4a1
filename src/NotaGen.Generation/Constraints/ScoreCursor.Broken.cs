namespace NotaGen.Generation.Constraints;

/// <summary>
/// Broken rhythm between two timed elements (notes, chords, rests) of the same written length, outside tuplets:
/// <c>A&gt;B</c> plays the first 3/2 and the second 1/2 of that length, <c>A&gt;&gt;B</c> 7/4 and 1/4, <c>&lt;</c> and
/// <c>&lt;&lt;</c> the other way round. abc2midi applies the sign only to equal written lengths ("Notes not equal
/// durations" otherwise) with nothing between the sign and the second element, so the second is forced to the first's
/// length and no mark may come between. With structure on, both lengths as played must be on the tick grid and in
/// <see cref="NoteLengths.Values"/> (one engravable note each), the pair (twice the written length) must fit the bar,
/// and a grace group's host must stay long enough. The first element's length is already in the bar when the sign
/// comes; the sign corrects it.
/// </summary>
public partial struct ScoreCursor
{
    // In eighths: the factor of the first element and of the second, per (direction, count).
    private static int FirstFactor(bool longFirst, int count) => longFirst ? (count == 1 ? 12 : 14) : (count == 1 ? 4 : 2);

    private static int SecondFactor(bool longFirst, int count) => FirstFactor(!longFirst, count);

    // '>' or '<' right after a timed element (its written ticks in brokenable).
    private bool StartBroken(int c, int brokenable)
    {
        if (brokenable == 0 || _prevSpace || _pending > 0 || (!Structure && !CanStartTimed))
            return false;
        var longFirst = c == '>';
        if (!BrokenFits(longFirst, 1, brokenable) && !BrokenFits(longFirst, 2, brokenable))
            return false;
        _brokenFirst = brokenable;
        _brokenLong = longFirst;
        _brokenCount = 1;
        _afterNote = false;
        _mode = Mode.Broken;
        return true;
    }

    private bool Broken(int c)
    {
        if (c == (_brokenLong ? '>' : '<'))
        {
            if (_brokenCount == 2 || !BrokenFits(_brokenLong, 2, _brokenFirst))
                return false;
            _brokenCount = 2;
            return true;
        }
        if (!BrokenFits(_brokenLong, _brokenCount, _brokenFirst) || !(IsNoteOrChordStart(c) || c is 'z' or 'x'))
            return false;
        if (Structure)
            _pos += (_brokenFirst * FirstFactor(_brokenLong, _brokenCount) / 8) - _brokenFirst;
        _broken = SecondFactor(_brokenLong, _brokenCount);
        _mode = Mode.Element;
        return Element(c);
    }

    private readonly bool BrokenFits(bool longFirst, int count, int written)
    {
        if (!Structure)
            return true;
        var firstPlayed = Scaled(written, FirstFactor(longFirst, count));
        var secondPlayed = Scaled(written, SecondFactor(longFirst, count));
        return firstPlayed >= _lastHostMinimum && secondPlayed >= 0 && _pos + written <= Limit;
    }

    /// <summary>A written length times factor/8 as played, or -1 when that is off the grid or not one engravable note.</summary>
    private static int Scaled(int ticks, int factor)
    {
        if (ticks * factor % 8 != 0)
            return -1;
        var played = ticks * factor / 8;
        return Array.IndexOf(NoteLengths.Values, played) >= 0 ? played : -1;
    }
}
