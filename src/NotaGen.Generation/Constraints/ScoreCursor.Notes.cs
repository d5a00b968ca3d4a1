namespace NotaGen.Generation.Constraints;

/// <summary>
/// Inside one voice's bar: notes, rests, chords, grace groups, tuplets, slurs, ties, decorations and annotations, and
/// the exact count of ticks the bar has taken. A length is committed when the first character after it arrives.
/// </summary>
public partial struct ScoreCursor
{
    private readonly bool Structure => _grammar.Level == ConstraintLevel.Structure;

    private void StartSegment()
    {
        _mode = Mode.Element;
        _pos = 0;
        _elements = 0;
        _pending = 0;
        _prevSpace = false;
        _slurOpen = false;
        _afterNote = false;
        _needNote = false;
        _hostMinimum = 0;
        _tupLeft = 0;
        _tupWritten = 0;
        _broken = 0;
        _lastTicks = 0;
        _staccato = false;
        _breathMark = false;
        _trillMark = false;
        _tremoloMark = false;
        _fermataMark = false;
        _fermataDone = false;
        _alteredLetters = 0;
        _tieOverBar = false;
    }

    // Room for one more timed element (note, rest or chord) in this bar.
    private readonly bool CanStartTimed => Structure ? _tupLeft > 0 || Room >= 1 : _elements < ScoreGrammar.MaxSyntaxElements;

    private bool Element(int c)
    {
        // Only the character right after a timed element may be a broken-rhythm sign.
        var brokenable = _lastTicks;
        _lastTicks = 0;
        var ok = ElementChar(c, brokenable);
        if (ok && c != ' ')
            _prevSpace = false;
        return ok;
    }

    private bool ElementChar(int c, int brokenable)
    {
        switch (c)
        {
            case ' ':
                // Also between a tuplet's notes: xml2abc (so NotaGen's data and our MusicXML import) writes
                // `(3A/ B/ c/` when the notes are not beamed.
                if (_prevSpace || (_elements == 0 && _pending == 0) || _needNote || _broken > 0 || !(CanStartTimed || FermataDueNow))
                    return false;
                _prevSpace = true;
                _afterNote = false;
                return true;
            case '!' or '"':
                if (_pending >= ScoreGrammar.MaxPendingMarks || _tupLeft > 0 || _needNote || _broken > 0
                    || !(CanStartTimed || (c == '!' && FermataDueNow)))
                    return false;
                _afterNote = false;
                _count = 0;
                _node = 0;
                _trie = ScoreGrammar.DecorationTrie;
                _mode = c == '!' ? Mode.Decoration : Mode.Annotation;
                return true;
            case '.':
                // Staccato: abc2midi shortens the sound, not the note's time, and reads the dot only right before a
                // note, chord or rest.
                if (_pending >= ScoreGrammar.MaxPendingMarks || _tupLeft > 0 || _needNote || _broken > 0 || !CanStartTimed)
                    return false;
                _afterNote = false;
                _pending++;
                _staccato = true;
                _mode = Mode.Staccato;
                return true;
            case '>' or '<':
                return StartBroken(c, brokenable);
            case '(':
                if (_tupLeft > 0 || _needNote || _broken > 0 || _fermataMark || !CanStartTimed || (_slurOpen && !AnyTuplet()))
                    return false;
                _afterNote = false;
                _mode = Mode.OpenParen;
                return true;
            case '{':
                if (_tupLeft > 0 || _needNote || _broken > 0 || _fermataMark || !CanStartTimed || (Structure && !HostFits(GraceHostMinimum(1))))
                    return false;
                _afterNote = false;
                _kind = NoteKind.Grace;
                _graceNotes = 0;
                _mode = Mode.GraceNoteStart;
                return true;
            case '[':
                if (!CanStartTimed)
                    return false;
                _afterNote = false;
                _kind = NoteKind.Chord;
                _chordNotes = 0;
                _mode = Mode.ChordNoteStart;
                return true;
            case 'z' or 'x':
                // abcm2ps: "Deco !//! must be on a note".
                if (!CanStartTimed || _needNote || _slurOpen || _tremoloMark)
                    return false;
                _afterNote = false;
                _isRest = true;
                _node = 0;
                _mode = Mode.Length;
                return true;
            case ')':
                if (!_slurOpen || !_afterNote || _prevSpace || _tupLeft > 0)
                    return false;
                _slurOpen = false;
                _afterNote = false;
                return true;
            case '-':
                // abc2midi needs the same pitch after a tie: the tied note is repeated with its exact spelling, in the
                // same bar or, over the bar line, as the voice's first note on the next line (ScoreCursor.Carry.cs).
                // Nor where a due fermata starts: the tied-to note carries no sign.
                if (!_afterNote || !_singleNote || _prevSpace || _tupLeft > 0 || FermataDueNow)
                    return false;
                _afterNote = false;
                _kind = NoteKind.Normal;
                _isRest = false;
                _node = 0;
                Expect(TiedSpelling(), Mode.Length);
                _mode = Mode.TieNext;
                _count = 0;
                return CanStartTimed || BarlineMayFollow();
            case '|' or ':':
                return StartBarline(c);
            default:
                if (!CanStartTimed)
                    return false;
                _afterNote = false;
                _kind = NoteKind.Normal;
                _chordNotes = 0;
                _accidentals = 0;
                return StartNote(c);
        }
    }

    private bool StartBarline(int c)
    {
        // A slur still open goes on into the voice's next bar (ScoreCursor.Carry.cs), so there must be one.
        if (_elements == 0 || _pending > 0 || (_slurOpen && !HasNextLine) || _tupLeft > 0 || _needNote || _broken > 0 || _prevSpace)
            return false;
        if (Structure)
        {
            if (_target > 0 ? _pos != _target : _pos <= 0)
                return false;
            _target = _pos;
        }
        _trie = _lineBarline < 0 ? ScoreGrammar.BarlineTrie : ScoreGrammar.ForcedBarline[_lineBarline];
        _node = _trie.Child(0, c);
        if (_node < 0 || !BarlineNodeAllowed(_node))
            return false;
        CarryOut();
        _mode = Mode.Barline;
        return true;
    }

    // A note's first character (an accidental or its letter); the caller has cleared _accidentals.
    private bool StartNote(int c)
    {
        switch (c)
        {
            case '^' or '_' or '=':
                _accidental = c;
                _accidentals = 1;
                _mode = Mode.Accidental;
                return true;
            case >= 'A' and <= 'G' or >= 'a' and <= 'g':
                _letter = c;
                _upper = c <= 'G';
                _octaves = 0;
                _mode = Mode.Octave;
                return true;
            default:
                return false;
        }
    }

    private bool Accidental(int c)
    {
        if (c == _accidental && c != '=' && _accidentals == 1)
        {
            _accidentals = 2;
            return true;
        }
        if (c is not (>= 'A' and <= 'G' or >= 'a' and <= 'g'))
            return false;
        return StartNote(c);
    }

    private bool Octave(int c)
    {
        if ((c == ',' && _upper) || (c == '\'' && !_upper))
        {
            if (_octaves >= 3)
                return false;
            _octaves++;
            return true;
        }
        MarkAccidental();
        switch (_kind)
        {
            case NoteKind.Chord:
                _mode = Mode.ChordNoteStart;
                return ChordNoteStart(c);
            case NoteKind.Grace:
                _mode = Mode.GraceNoteStart;
                return GraceNoteStart(c);
            default:
                _isRest = false;
                _node = 0;
                _mode = Mode.Length;
                return Length(c);
        }
    }

    private bool ChordNoteStart(int c)
    {
        if (c == ']')
        {
            if (_chordNotes == 0)
                return false;
            _kind = NoteKind.Normal;
            _isRest = false;
            _node = 0;
            _mode = Mode.Length;
            return true;
        }
        if (_chordNotes >= ScoreGrammar.MaxChordNotes)
            return false;
        _chordNotes++;
        _accidentals = 0;
        return StartNote(c);
    }

    private bool GraceNoteStart(int c)
    {
        if (c == '}')
        {
            if (_graceNotes == 0)
                return false;
            _kind = NoteKind.Normal;
            _needNote = true;
            _hostMinimum = GraceHostMinimum(_graceNotes);
            _mode = Mode.Element;
            return true;
        }
        if (_graceNotes >= ScoreGrammar.MaxGraceNotes || (Structure && !HostFits(GraceHostMinimum(_graceNotes + 1))))
            return false;
        _graceNotes++;
        _accidentals = 0;
        return StartNote(c);
    }

    // A length spelling (trie over NoteLengths); a non-length character commits it.
    private bool Length(int c)
    {
        if (NoteLengths.IsLengthChar(c))
        {
            var child = NoteLengths.Trie.Child(_node, c);
            if (child < 0 || !NodeFeasible(child))
                return false;
            _node = child;
            return true;
        }
        if (!NoteLengths.Trie.IsComplete(_node) || !ValueFeasible(NoteLengths.Trie.Value(_node)))
            return false;
        Commit(NoteLengths.Trie.Value(_node));
        _mode = Mode.Element;
        return Element(c);
    }

    private void Commit(int ticks)
    {
        var onset = _pos;
        _lastTicks = 0;
        if (_broken > 0)
        {
            ticks = ticks * _broken / 8;
            _broken = 0;
        }
        else if (_tupLeft == 0 && !_staccato)
        {
            // abc2midi does not apply a broken rhythm after a staccato note ("Notes not equal durations").
            _lastTicks = ticks;
        }
        _lastHostMinimum = _hostMinimum;
        if (_tupLeft > 0)
        {
            _tupWritten += ticks;
            _tupLeft--;
            if (_tupLeft == 0)
            {
                _pos += _tupWritten * _tupQ / _tupP;
                _tupWritten = 0;
            }
        }
        else
        {
            _pos += ticks;
        }
        _elements++;
        // abc2midi cannot tie a staccato note or one after !breath! ("Cannot find note before tie"), and miscounts
        // the bar of a trilled note tied over the bar line.
        _singleNote = !_isRest && _kind == NoteKind.Normal && _chordNotes == 0 && !_staccato && !_breathMark;
        _trilled = _trillMark;
        _staccato = false;
        _breathMark = false;
        _trillMark = false;
        _tremoloMark = false;
        CommitFermata(onset, ticks);
        _afterNote = !_isRest;
        _needNote = false;
        _hostMinimum = 0;
        _pending = 0;
    }

    // abc2midi takes a grace group's time from the note after it (each unlengthed grace note a quarter of L) and cuts
    // the group, changing the bar's length, when that note is not longer: the host must last more than n·L/4.
    private readonly bool HostFits(int minimum)
    {
        foreach (var ticks in NoteLengths.Values)
        {
            if (ticks >= minimum && ticks <= Room)
                return true;
        }
        return false;
    }

    private static int GraceHostMinimum(int graceNotes) => (graceNotes * NoteLengths.TicksPerUnit / 4) + 1;

    private readonly string TiedSpelling()
    {
        var accidental = _accidentals == 0 ? "" : new string((char)_accidental, _accidentals);
        return accidental + (char)_letter + new string(_upper ? ',' : '\'', _octaves);
    }

    private readonly bool ValueFeasible(int ticks)
    {
        if (!Structure)
            return true;
        if (_broken > 0)
            ticks = ticks == _brokenFirst ? Scaled(ticks, _broken) : -1;
        if (ticks < 0 || ticks < _hostMinimum || (_fermataMark && FermataDue && ticks != _fermataTicks))
            return false;
        return _tupLeft > 0 ? TupletSums.Feasible(_tupWritten + ticks, _tupLeft - 1, _tupP, _tupQ, Room) : ticks <= Room;
    }

    private readonly bool NodeFeasible(int node)
    {
        if (!Structure)
            return true;
        if (_tupLeft == 0 && _hostMinimum == 0 && _broken == 0 && !_fermataMark)
            return NoteLengths.MinimumBelow[node] <= Room;
        foreach (var ticks in NoteLengths.ValuesBelow[node])
        {
            if (ValueFeasible(ticks))
                return true;
        }
        return false;
    }

    private bool Staccato(int c)
    {
        if (!(IsNoteOrChordStart(c) || c is 'z' or 'x'))
            return false;
        _mode = Mode.Element;
        return Element(c);
    }

    private readonly bool BarlineMayFollow()
    {
        var probe = this;
        return probe.TieNext('|');
    }

    // After a tie: the barline (a tie over the bar line), or one optional space, then the tied note's spelling.
    private bool TieNext(int c)
    {
        if (c == '|' && _count == 0)
        {
            if (!CanTieOverBar)
                return false;
            _tieOverBar = true;
            _afterNote = false;
            return StartBarline(c);
        }
        if (!CanStartTimed)
            return false;
        if (c == ' ' && _count == 0)
        {
            _count = 1;
            return true;
        }
        _mode = Mode.Literal;
        return Literal(c);
    }

    private bool Decoration(int c)
    {
        var next = _trie.Child(_node, c);
        if (next < 0 || !DecorationCharAllowed(c, next))
            return false;
        _count++;
        _node = next;
        if (_trie.IsLeaf(next))
        {
            _pending++;
            var mark = _trie.Value(next);
            _fermataMark |= mark == ScoreGrammar.Fermata;
            _breathMark |= mark == ScoreGrammar.Breath;
            _trillMark |= mark == ScoreGrammar.Trill;
            _tremoloMark |= mark == ScoreGrammar.Tremolo || mark == ScoreGrammar.DoubleTremolo;
            _mode = Mode.Element;
        }
        return true;
    }

    // "^text" or "_text": placed text, never a chord symbol; the characters of a part name (ScoreCursor.VoiceName:
    // "\n" is abcm2ps's line break, as in "^Double\nPresto") and '/'.
    private bool Annotation(int c)
    {
        if (_count == 0)
        {
            if (c is not ('^' or '_'))
                return false;
            _count = 1;
            _value = 0;
            return true;
        }
        if (_value == 1)
            return AfterBackslash(c);
        if (c == '"')
        {
            if (_count < 2)
                return false;
            _pending++;
            _mode = Mode.Element;
            return true;
        }
        if (_count > ScoreGrammar.MaxAnnotationLength || !(IsNameChar(c) || c is ',' or ':' or '/' or '\\'))
            return false;
        if (c == '\\')
        {
            if (_count + 1 > ScoreGrammar.MaxAnnotationLength)
                return false;
            _value = 1;
        }
        _count++;
        return true;
    }

    // After '(': a digit starts a tuplet, a note or chord a slur.
    private bool OpenParen(int c)
    {
        if (c is >= '2' and <= '9')
        {
            var p = c - '0';
            if (!Tuplets.AnyStart(p, TupletRoom, Structure))
                return false;
            _tupP = p;
            _mode = Mode.TupletP;
            return true;
        }
        if (!_slurOpen && c is '!' or '"' or '.')
        {
            // Marks of the slur's first note; a note must still come before ')' (it needs one after it).
            _slurOpen = true;
            _mode = Mode.Element;
            return Element(c);
        }
        if (_slurOpen || !IsNoteOrChordStart(c))
            return false;
        _slurOpen = true;
        _needNote = true;
        _mode = Mode.Element;
        return Element(c);
    }

    private bool TupletP(int c)
    {
        if (c == ':')
        {
            if (!Tuplets.AnyExplicit(_tupP, TupletRoom, Structure))
                return false;
            _mode = Mode.TupletColon;
            return true;
        }
        return Tuplets.DefaultQ(_tupP) is { } q && StartTuplet(_tupP, q, _tupP, c);
    }

    private bool TupletColon(int c)
    {
        if (c is < '2' or > '9' || !Tuplets.AnyWithQ(_tupP, c - '0', TupletRoom, Structure))
            return false;
        _tupQ = c - '0';
        _mode = Mode.TupletQ;
        return true;
    }

    private bool TupletQ(int c)
    {
        if (c == ':')
        {
            _mode = Mode.TupletSecondColon;
            return true;
        }
        return StartTuplet(_tupP, _tupQ, _tupP, c);
    }

    private bool TupletSecondColon(int c)
    {
        if (c is < '2' or > '9' || !Tuplets.Fits(_tupP, _tupQ, c - '0', TupletRoom, Structure))
            return false;
        _tupR = c - '0';
        _mode = Mode.TupletR;
        return true;
    }

    private bool TupletR(int c) => StartTuplet(_tupP, _tupQ, _tupR, c);

    private bool StartTuplet(int p, int q, int r, int c)
    {
        var restAllowed = !_slurOpen && c is 'z' or 'x';
        if (!(IsNoteOrChordStart(c) || restAllowed) || !Tuplets.Fits(p, q, r, TupletRoom, Structure))
            return false;
        _tupP = p;
        _tupQ = q;
        _tupLeft = r;
        _tupWritten = 0;
        _mode = Mode.Element;
        return Element(c);
    }

    // Structure: ticks left in the bar; syntax: timed elements left.
    private readonly int TupletRoom => Structure ? Room : ScoreGrammar.MaxSyntaxElements - _elements;

    private readonly bool AnyTuplet()
    {
        for (var p = 2; p <= 9; p++)
        {
            if (Tuplets.AnyStart(p, TupletRoom, Structure))
                return true;
        }
        return false;
    }

    private static bool IsNoteOrChordStart(int c) => c is '^' or '_' or '=' or '[' or >= 'A' and <= 'G' or >= 'a' and <= 'g';

    private enum NoteKind
    {
        Normal,
        Chord,
        Grace,
    }
}
