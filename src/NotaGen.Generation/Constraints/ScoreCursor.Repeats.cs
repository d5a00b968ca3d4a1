namespace NotaGen.Generation.Constraints;

/// <summary>
/// Repeat barlines as xml2abc writes them, as the bar's right barline: <c>|:</c> opens a section, <c>:|</c> closes it
/// (from the piece's start while no repeat sign came before, as ABC reads it, unless the piece starts with an anacrusis:
/// abc2midi then reports the short bar "in repeat"), <c>::</c> closes and opens. Balanced per
/// piece: a section opens only with a line left, and the last line closes what is open. Like every barline, the
/// line's first voice chooses it and every other voice writes the same one (abc2midi plays each voice's repeats on its
/// own). Nothing is tied or slurred over a repeat barline: the next line in the text is not what is played next.
/// Endings (<c>|1</c>, <c>:|2</c>) are refused: glued to the end of a voice's text in NotaGen's format, the volta
/// number is read back as a bar of its own by the restoring split (abctoolkit's rule, BarSplitter), so the piece
/// would not restore.
/// </summary>
public partial struct ScoreCursor
{
    private const int OpenRepeat = 3;
    private const int CloseRepeat = 4;
    private const int CloseOpen = 5;

    private readonly bool CanCloseRepeat => _sectionOpen || (!_repeatSeen && !(_line == 0 ? _target < _meterTicks : _pickup));

    /// <summary>Whether barline <paramref name="barline"/> (an index of <see cref="ScoreGrammar.Barlines"/>) may end this line.</summary>
    private readonly bool BarlineAllowed(int barline)
    {
        var last = CurrentJ(_line) == 0;
        if (barline >= OpenRepeat && (_tieOverBar || _slurOpen))
            return false;
        return barline switch
        {
            OpenRepeat => !_sectionOpen && !last,
            CloseRepeat => CanCloseRepeat,
            CloseOpen => CanCloseRepeat && !last,
            _ => !(_sectionOpen && last),
        };
    }

    /// <summary>Whether some barline at or below <paramref name="node"/> of the barline trie may end this line.</summary>
    private readonly bool BarlineNodeAllowed(int node)
    {
        if (_lineBarline >= 0)
            return _lineBarline < OpenRepeat || !(_tieOverBar || _slurOpen);
        foreach (var barline in ScoreGrammar.BarlinesBelow[node])
        {
            if (BarlineAllowed(barline))
                return true;
        }
        return false;
    }

    // At the line's end: the repeat state after its barline.
    private void ApplyRepeat(int barline)
    {
        if (_line == 0)
            _pickup = _target < _meterTicks;
        if (barline < OpenRepeat)
            return;
        _repeatSeen = true;
        _sectionOpen = barline != CloseRepeat;
    }
}
