namespace NotaGen.Generation.Constraints;

/// <summary>
/// What a voice's bar leaves open for the same voice's next bar: a tie (the tied-to note, with the tied note's exact
/// spelling, must be that voice's first element on the next line) and a slur (closed on a later line). A voice with
/// something open may not be omitted from the next line (an omitted voice is restored as a full-bar rest, which
/// would cut the tie or slur), nothing may be left open on the last line, so the piece still ends only complete.
/// Spellings carry over the bar line as written: an explicit accidental is written again (accidentals do not last
/// past the bar line), and a plain note is tied over only when no note of its letter had an accidental earlier in
/// the bar (its pitch would then come from that accidental, which the next bar no longer has; letters, not octaves,
/// to hold for either reading of ABC's accidental rule).
/// </summary>
public partial struct ScoreCursor
{
    private const int VoiceSlots = ScoreGrammar.MaxVoiceId + 1;

    private readonly bool HasNextLine => CurrentJ(_line) > 0;

    /// <summary>A tie from the note just written may cross the bar line: a next line exists and the spelling carries.</summary>
    private readonly bool CanTieOverBar => HasNextLine && !_trilled && (_accidentals > 0 || (_alteredLetters & LetterBit(_letter)) == 0);

    private static int LetterBit(int letter) => 1 << (char.ToUpperInvariant((char)letter) - 'A');

    private void MarkAccidental()
    {
        if (_accidentals > 0)
            _alteredLetters |= LetterBit(_letter);
    }

    // Voices with something open from the previous line, which this line must still write.
    private readonly ulong CarriedIn => _tiesIn | _slursIn;

    /// <summary>The highest voice id the line's next voice may have: the first carried voice not yet written.</summary>
    private readonly int NextVoiceLimit
    {
        get
        {
            // A line with a fermata writes every declared voice (ScoreCursor.Fermata.cs).
            var later = (_fermataOnset >= 0 ? _declared : CarriedIn) >> (_lastVoice + 1);
            return later == 0 ? ScoreGrammar.MaxVoiceId : _lastVoice + 1 + System.Numerics.BitOperations.TrailingZeroCount(later);
        }
    }

    private readonly bool CarriedAllWritten => ((_fermataOnset >= 0 ? _declared : CarriedIn) >> (_lastVoice + 1)) == 0;

    // At the voice's barline: what its bar leaves open.
    private void CarryOut()
    {
        var bit = 1UL << _lastVoice;
        if (_slurOpen)
            _slursOut |= bit;
        if (_tieOverBar)
        {
            _tiesOut |= bit;
            var notes = _tieNotesOut is null ? new int[VoiceSlots] : (int[])_tieNotesOut.Clone();
            notes[_lastVoice] = Pack();
            _tieNotesOut = notes;
            _tieOverBar = false;
        }
    }

    // At the line's end: what was open into the next line is now open into this one.
    private void CarryIntoNextLine()
    {
        _tiesIn = _tiesOut;
        _slursIn = _slursOut;
        _tieNotesIn = _tieNotesOut;
        _tiesOut = 0;
        _slursOut = 0;
        _tieNotesOut = null;
    }

    // At the start of a voice's bar: resume its slur, and force the tied-to note.
    private void CarryIn()
    {
        var bit = 1UL << _lastVoice;
        _slurOpen = (_slursIn & bit) != 0;
        if ((_tiesIn & bit) == 0)
            return;
        Unpack(_tieNotesIn![_lastVoice]);
        MarkAccidental();
        _kind = NoteKind.Normal;
        _chordNotes = 0;
        _isRest = false;
        _node = 0;
        Expect(TiedSpelling(), Mode.Length);
    }

    private readonly int Pack() => _letter | (_accidental << 8) | (_accidentals << 16) | (_octaves << 20) | (_upper ? 1 << 24 : 0);

    private void Unpack(int packed)
    {
        _letter = packed & 0xFF;
        _accidental = (packed >> 8) & 0xFF;
        _accidentals = (packed >> 16) & 0xF;
        _octaves = (packed >> 20) & 0xF;
        _upper = (packed & (1 << 24)) != 0;
    }
}
