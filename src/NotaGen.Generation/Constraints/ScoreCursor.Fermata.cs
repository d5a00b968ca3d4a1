namespace NotaGen.Generation.Constraints;

/// <summary>
/// Fermatas (<c>!fermata!</c>, as xml2abc writes them). abc2midi plays a fermata element twice as long as written
/// (checked: <c>G2 !fermata!E2|</c> in one voice of two leaves the other track a quarter short, "Track 2 is 4.05
/// quarter notes long not 5.05"), so the voices stay together only when every voice holds a fermata of the same
/// written length at the same onset (checked for notes, chords, rests and a tied note). Hence, at the structure
/// level: a line's fermata is set by voice 1 (the first voice, so no voice before it is restored as a rest without
/// one), at most one per bar, on a plain element (not in a tuplet, not half of a broken rhythm, not a grace host);
/// every declared voice must then be written on that line (an omitted voice comes back as a rest without one), and
/// each later voice must reach that onset exactly, write <c>!fermata!</c> first there and an element of the same
/// length. The notated lengths are unchanged, so every bar still sums to the meter; abcm2ps draws the sign.
/// At the syntax level (bar lengths free) a fermata is one more decoration.
/// </summary>
public partial struct ScoreCursor
{
    private const string FermataText = "fermata!";

    /// <summary>A later voice of a line whose voice 1 holds a fermata, before its own.</summary>
    private readonly bool FermataDue => Structure && _fermataOnset >= 0 && _lastVoice != 1 && !_fermataDone;

    /// <summary>At the fermata's onset with the sign still to write: only the sign (after an optional space) may come.</summary>
    private readonly bool FermataDueNow => FermataDue && !_fermataMark && _pos == _fermataOnset;

    /// <summary>Whether the sign may be written here (structure level), see the summary.</summary>
    private readonly bool FermataAllowed =>
        !Structure || (!_fermataMark && !_fermataDone && (FermataDueNow
            || (_fermataOnset < 0 && _lastVoice == 1 && (_pos > 0 || (_tiesIn & ~(1UL << 1)) == 0))));

    /// <summary>Ticks the bar may take before the next barrier: a due fermata's onset, then its end.</summary>
    private readonly int FermataLimit => _fermataMark ? _fermataOnset + _fermataTicks : _fermataOnset;

    // One character of a decoration name: at a due fermata's onset, only the fermata's; elsewhere, a name that can
    // only become the fermata is refused where the fermata is not allowed (so no accepted prefix is a dead end).
    private readonly bool DecorationCharAllowed(int c, int next)
    {
        if (FermataDueNow)
            return _count < FermataText.Length && FermataText[_count] == c;
        return !ScoreGrammar.FermataOnly[next] || FermataAllowed;
    }

    // The element carrying the sign is committed: voice 1's sets the line's onset and length.
    private void CommitFermata(int onset, int ticks)
    {
        if (!_fermataMark)
            return;
        if (Structure && _fermataOnset < 0)
        {
            _fermataOnset = onset;
            _fermataTicks = ticks;
        }
        _fermataMark = false;
        _fermataDone = true;
        _lastTicks = 0;
    }
}
