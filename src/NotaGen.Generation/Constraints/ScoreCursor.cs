using System.Globalization;
using NotaGen.Tokenization;

namespace NotaGen.Generation.Constraints;

/// <summary>
/// Where a piece stands in <see cref="ScoreGrammar"/>'s language after the characters written so far: a small value,
/// copied per candidate character, advanced per written character, carried across the 16-character patches.
/// <see cref="Advance"/> accepts a character only when the text can still be completed into a piece (every mode below
/// keeps that invariant: a bar is entered only with room for a note, a length only while some spelling below it fits
/// what is left, a tuplet only when its notes can land back on the tick grid), so the allowed set is never empty
/// before the piece ends. Patch structure: EOS may end a patch at any position after the first, a line's newline
/// must end its patch (as in the training data), and the piece ends with the BOS-EOS patch only after the line
/// whose counter says 0 bars remain.
/// </summary>
public partial struct ScoreCursor
{
    private ScoreGrammar _grammar;
    private Mode _mode;
    private bool _lastNewline;
    private bool _barlineNext;
    private bool _ended;

    // A forced literal (fixed text) and the mode after it; or a trie and its node.
    private string _literal;
    private int _index;
    private Mode _after;
    private StringTrie _trie;
    private int _node;

    // Generic counters of the current mode (characters of a comment / name / annotation, digits of a number).
    private int _count;
    private int _value;

    // Header.
    private int _step;
    private int _comments;
    private int _meterTicks;
    private byte[] _order;
    private int _voices;
    private ulong _declared;
    private int _voiceLine;
    private int _stack;
    private int _depth;
    private int _staffVoices;
    private ScoreToken _last;
    private bool _nameDone;
    private bool _shortNameDone;

    // Body (ScoreCursor.Body.cs) and the bar being written (ScoreCursor.Notes.cs).
    private bool _bodyStarted;
    private int _line;
    private int _j0;
    private int _lastVoice;
    private int _target;
    private int _lineBarline;
    private int _pos;
    private int _elements;
    private int _pending;
    private bool _prevSpace;
    private bool _slurOpen;
    private bool _afterNote;
    private bool _singleNote;
    private int _letter;
    private bool _needNote;
    private bool _isRest;
    private NoteKind _kind;
    private bool _upper;
    private int _octaves;
    private int _accidental;
    private int _accidentals;
    private int _chordNotes;
    private int _graceNotes;
    private int _hostMinimum;
    private int _tupP;
    private int _tupQ;
    private int _tupR;
    private int _tupLeft;
    private int _tupWritten;
    private int _lastTicks;
    private int _lastHostMinimum;
    private int _broken;
    private int _brokenFirst;
    private bool _brokenLong;
    private int _brokenCount;
    private bool _staccato;
    private bool _breathMark;
    private bool _trillMark;
    private bool _trilled;
    private bool _tremoloMark;

    // Fermatas (ScoreCursor.Fermata.cs): the line's onset and written length set by voice 1 (-1: none); in the
    // voice's bar, the sign written before the element and whether the bar has its fermata.
    private int _fermataOnset;

    // Repeats (ScoreCursor.Repeats.cs): a section open, any repeat sign written yet, the first line an anacrusis.
    private bool _sectionOpen;
    private bool _repeatSeen;
    private bool _pickup;
    private int _fermataTicks;
    private bool _fermataMark;
    private bool _fermataDone;

    // Ties and slurs over the bar line (ScoreCursor.Carry.cs).
    // Per voice id (bit id): open from the previous line and still to be written on this one; open into the next line.
    private ulong _tiesIn;
    private ulong _slursIn;
    private ulong _tiesOut;
    private ulong _slursOut;

    // The tied note's spelling per voice id (see Pack), copied on write: the cursor is a value copied per candidate.
    private int[]? _tieNotesIn;
    private int[]? _tieNotesOut;

    // Letters (bit 0 = A) with an explicit accidental earlier in this voice's bar.
    private int _alteredLetters;

    // Set between '-' and the barline of a tie over the bar line.
    private bool _tieOverBar;

    internal static ScoreCursor Begin(ScoreGrammar grammar) => new()
    {
        _grammar = grammar,
        _mode = Mode.HeaderLineStart,
        _literal = "",
        _trie = NoteLengths.Trie,
        _order = new byte[ScoreGrammar.MaxVoices],
        _lineBarline = -1,
    };

    /// <summary>The grammar this cursor reads.</summary>
    public readonly ScoreGrammar Grammar => _grammar;

    /// <summary>True once the piece has ended (the BOS of the end patch was written).</summary>
    public readonly bool Ended => _ended;

    /// <summary>True in the tune body.</summary>
    public readonly bool InBody => _bodyStarted;

    /// <summary>Body lines completed.</summary>
    public readonly int BodyLines => _line;

    /// <summary>
    /// Advances over one id written at <paramref name="position"/> of its patch (0–15); false (and this cursor in an
    /// unspecified state) when the id is not allowed there. Text characters are ASCII 32–126 and newline; EOS ends a
    /// patch; BOS starts the end patch.
    /// </summary>
    public bool Advance(int id, int position)
    {
        if (id == PatchVocabulary.Eos)
            return EndPatch(position);
        if (_ended)
            return false;
        if (id == PatchVocabulary.Bos)
        {
            if (position != 0 || !CanEnd)
                return false;
            _ended = true;
            return true;
        }
        if (position >= 1 && _lastNewline)
            return false;
        if (id is not ('\n' or >= ' ' and <= '~'))
            return false;
        if (_barlineNext && id is not ('|' or ':'))
            return false;
        _barlineNext = false;
        _lastNewline = false;
        return Step(id);
    }

    // The tokenizer's patches end after a line's newline or just before a barline inside a line (bar patches,
    // reference tokenizer example; BarSegmenter splits before ":|" and "::" too), and a full patch of 16 characters
    // just continues; the next patch then starts with the barline.
    private bool EndPatch(int position)
    {
        if (position < 1 || _ended)
            return position >= 1;
        if (_lastNewline)
            return true;
        if (_mode != Mode.Element && !(_mode == Mode.TieNext && _count == 0))
            return false;
        var bar = this;
        var repeat = this;
        if (!bar.Step('|') && !repeat.Step(':'))
            return false;
        _barlineNext = true;
        return true;
    }

    /// <summary>Advances over text already written (no patch structure): false at the first character not allowed.</summary>
    public bool AdvanceText(ReadOnlySpan<char> text, out int failedAt)
    {
        for (var i = 0; i < text.Length; i++)
        {
            // Positions only matter for EOS and newlines; inside text every character starts a fresh check.
            if (!Advance(text[i], 0))
            {
                failedAt = i;
                return false;
            }
        }
        failedAt = -1;
        return true;
    }

    /// <summary>Writes into <paramref name="allowed"/> (128 entries) which ids may come next at <paramref name="position"/>.</summary>
    public readonly int Allowed(int position, Span<bool> allowed)
    {
        allowed.Clear();
        // Cheap cases first (this runs once per sampled character): a forced literal allows one character (and the
        // end of a patch), and only BOS, EOS, newline and printable ASCII can ever be allowed.
        if (_mode == Mode.Literal && !_ended)
            return Probe(PatchVocabulary.Eos, position, allowed) + Probe(_literal[_index], position, allowed);
        var count = Probe(PatchVocabulary.Bos, position, allowed) + Probe(PatchVocabulary.Eos, position, allowed) + Probe('\n', position, allowed);
        for (var id = ' '; id <= '~' && id < allowed.Length; id++)
            count += Probe(id, position, allowed);
        return count;
    }

    private readonly int Probe(int id, int position, Span<bool> allowed)
    {
        if (id >= allowed.Length)
            return 0;
        var probe = this;
        allowed[id] = probe.Advance(id, position);
        return allowed[id] ? 1 : 0;
    }

    /// <summary>What the cursor expects, for error messages.</summary>
    public readonly string Describe() =>
        $"{_mode}{(_mode == Mode.Literal ? $" '{_literal}'[{_index}]" : "")}, line {_line}, voice {_lastVoice}, {_pos} of {Limit} ticks";

    private readonly bool CanEnd => _mode == Mode.BodyLineStart && _line > 0 && CurrentJ(_line - 1) == 0;

    private bool Step(int c) => _mode switch
    {
        Mode.HeaderLineStart => HeaderLineStart(c),
        Mode.CommentFirst => CommentFirst(c),
        Mode.Comment => Comment(c),
        Mode.Literal => Literal(c),
        Mode.HeaderTrie => HeaderTrie(c),
        Mode.ScoreTokenStart => ScoreTokenStart(c),
        Mode.ScoreAfterToken => ScoreAfterToken(c),
        Mode.ScoreId => ScoreId(c),
        Mode.VoiceClef => VoiceClef(c),
        Mode.VoiceAttributeStart => VoiceAttributeStart(c),
        Mode.VoiceAttribute => VoiceAttribute(c),
        Mode.VoiceName => VoiceName(c),
        Mode.VoiceAfterName => VoiceAfterName(c),
        Mode.BodyLineStart => BodyLineStart(c),
        Mode.CounterJ => CounterJ(c),
        Mode.VoiceId => VoiceId(c),
        Mode.Element => Element(c),
        Mode.Accidental => Accidental(c),
        Mode.Octave => Octave(c),
        Mode.Length => Length(c),
        Mode.Decoration => Decoration(c),
        Mode.Annotation => Annotation(c),
        Mode.OpenParen => OpenParen(c),
        Mode.TupletP => TupletP(c),
        Mode.TupletColon => TupletColon(c),
        Mode.TupletQ => TupletQ(c),
        Mode.TupletSecondColon => TupletSecondColon(c),
        Mode.TupletR => TupletR(c),
        Mode.ChordNoteStart => ChordNoteStart(c),
        Mode.GraceNoteStart => GraceNoteStart(c),
        Mode.Barline => Barline(c),
        Mode.Broken => Broken(c),
        Mode.TieNext => TieNext(c),
        Mode.Staccato => Staccato(c),
        _ => false,
    };

    private void Expect(string literal, Mode after)
    {
        _literal = literal;
        _index = 0;
        _after = after;
        _mode = Mode.Literal;
    }

    private bool Literal(int c)
    {
        if (_literal[_index] != c)
            return false;
        _index++;
        if (_index == _literal.Length)
        {
            _mode = _after;
            if (c == '\n')
                _lastNewline = true;
        }
        return true;
    }

    // Header lines, in NotaGen's order.
    private bool HeaderLineStart(int c)
    {
        switch (_step)
        {
            case 0:
                if (c != '%')
                    return false;
                _mode = Mode.CommentFirst;
                return true;
            case 1:
                return EnterHeaderTrie(ScoreGrammar.UnitLine, c);
            case 2:
                return EnterHeaderTrie(_grammar.TempoOrMeter, c);
            case 3:
                return EnterHeaderTrie(_grammar.Meter, c);
            case 4:
                return EnterHeaderTrie(_grammar.Key, c);
            default:
                return false;
        }
    }

    private bool CommentFirst(int c)
    {
        if (c == '%')
        {
            Expect("score ", Mode.ScoreTokenStart);
            return true;
        }
        if (_comments >= ScoreGrammar.MaxCommentLines || c == '\n')
            return false;
        _mode = Mode.Comment;
        _count = 1;
        return true;
    }

    private bool Comment(int c)
    {
        if (c == '\n')
        {
            _comments++;
            _mode = Mode.HeaderLineStart;
            _lastNewline = true;
            return true;
        }
        if (_count >= ScoreGrammar.MaxCommentLength)
            return false;
        _count++;
        return true;
    }

    private bool EnterHeaderTrie(StringTrie trie, int c)
    {
        _trie = trie;
        _node = 0;
        _mode = Mode.HeaderTrie;
        return HeaderTrie(c);
    }

    // Header tries hold whole lines with their newline: a line is done at a leaf.
    private bool HeaderTrie(int c)
    {
        var next = _trie.Child(_node, c);
        if (next < 0)
            return false;
        _node = next;
        if (!_trie.IsLeaf(next))
            return true;
        _lastNewline = true;
        var value = _trie.Value(next);
        _mode = Mode.HeaderLineStart;
        switch (_step)
        {
            case 1:
                _step = 2;
                break;
            case 2:
                // A tempo line (value 0) is followed by the meter; a meter line (value = ticks) by the key.
                if (value > 0)
                {
                    _meterTicks = value;
                    _step = 4;
                }
                else
                {
                    _step = 3;
                }
                break;
            case 3:
                _meterTicks = value;
                _step = 4;
                break;
            case 4:
                _step = 5;
                StartVoiceLine();
                break;
        }
        return true;
    }

    // %%score: tokens separated by single spaces; ids 1 … n once each, in any order; ( ) inside { } or [ ] or alone, | inside { } or [ ].
    private bool ScoreTokenStart(int c)
    {
        var top = _depth == 0 ? 0 : (_stack >> ((_depth - 1) * 2)) & 3;
        switch (c)
        {
            case >= '1' and <= '9':
                // abcm2ps engraves at most four voices on one staff (a round-bracket group).
                if (_voices >= ScoreGrammar.MaxVoices || !UnusedIdWithPrefix(c - '0') || (top == Paren && _staffVoices >= 4))
                    return false;
                if (top == Paren)
                    _staffVoices++;
                _value = c - '0';
                _mode = Mode.ScoreId;
                return true;
            case '(':
                if (top == Paren || _depth >= 2 || _voices >= ScoreGrammar.MaxVoices)
                    return false;
                _staffVoices = 0;
                Push(Paren);
                return true;
            case '{' or '[':
                if (_depth != 0 || _voices >= ScoreGrammar.MaxVoices)
                    return false;
                Push(c == '{' ? Brace : Bracket);
                return true;
            case ')' or '}' or ']':
                if (_depth == 0 || top != (c == ')' ? Paren : c == '}' ? Brace : Bracket) || _last is not (ScoreToken.Id or ScoreToken.Close))
                    return false;
                _depth--;
                _last = ScoreToken.Close;
                _mode = Mode.ScoreAfterToken;
                return true;
            case '|':
                if (top is not (Brace or Bracket) || _last is not (ScoreToken.Id or ScoreToken.Close) || _voices >= ScoreGrammar.MaxVoices)
                    return false;
                _last = ScoreToken.Bar;
                _mode = Mode.ScoreAfterToken;
                return true;
            default:
                return false;
        }
    }

    private const int Paren = 1;
    private const int Brace = 2;
    private const int Bracket = 3;

    private void Push(int bracket)
    {
        _stack = (_stack & ~(3 << (_depth * 2))) | (bracket << (_depth * 2));
        _depth++;
        _last = ScoreToken.Open;
        _mode = Mode.ScoreAfterToken;
    }

    private bool ScoreAfterToken(int c)
    {
        if (c == ' ')
        {
            // Only when a token can follow: another voice, or a bracket to close.
            if (_voices >= ScoreGrammar.MaxVoices && _depth == 0)
                return false;
            _mode = Mode.ScoreTokenStart;
            return true;
        }
        if (c != '\n' || _depth != 0 || _voices == 0 || _last == ScoreToken.Bar || !DeclaredContiguous)
            return false;
        _lastNewline = true;
        _step = 1;
        _mode = Mode.HeaderLineStart;
        return true;
    }

    private bool ScoreId(int c)
    {
        if (c is >= '0' and <= '9')
        {
            var value = (_value * 10) + (c - '0');
            if (!UnusedIdWithPrefix(value))
                return false;
            _value = value;
            return true;
        }
        if (IsDeclared(_value))
            return false;
        _declared |= 1UL << _value;
        _order = (byte[])_order.Clone();
        _order[_voices++] = (byte)_value;
        _last = ScoreToken.Id;
        _mode = Mode.ScoreAfterToken;
        return ScoreAfterToken(c);
    }

    private readonly bool IsDeclared(int id) => (_declared & (1UL << id)) != 0;

    // Voice ids are 1 … n, each once, voice 1 first, the others in any order (xml2abc numbers a part's voices in
    // reading order and groups staves as `1 { ( 2 4 ) | ( 3 5 ) }`; every %%score of the corpus starts with 1).
    // abc2midi warns "V:4 out of sequence" for such a header but writes the same MIDI as for the voices declared in
    // order; with voice 1 declared later and a repeat, it reports "Found unexpected :|" and loses notes (checked on
    // random orders with mido). A prefix is allowed while some unused id up to MaxVoices starts with it.
    private readonly bool UnusedIdWithPrefix(int prefix)
    {
        if (_voices == 0)
            return prefix == 1;
        if (prefix is < 1 or > ScoreGrammar.MaxVoices)
            return false;
        if (!IsDeclared(prefix))
            return true;
        for (var id = prefix * 10; id <= Math.Min((prefix * 10) + 9, ScoreGrammar.MaxVoices); id++)
        {
            if (!IsDeclared(id))
                return true;
        }
        return false;
    }

    // The ids declared so far are exactly 1 … n.
    private readonly bool DeclaredContiguous => _declared == ((1UL << (_voices + 1)) - 2);

    // V: lines: one per %%score voice, in its order, the id forced.
    private void StartVoiceLine()
    {
        if (_voiceLine == _voices)
        {
            _mode = Mode.BodyLineStart;
            return;
        }
        _nameDone = false;
        _shortNameDone = false;
        _trie = ScoreGrammar.ClefTrie;
        _node = 0;
        Expect("V:" + _order[_voiceLine].ToString(CultureInfo.InvariantCulture) + " ", Mode.VoiceClef);
    }

    private bool VoiceClef(int c)
    {
        var next = _trie.Child(_node, c);
        if (next < 0)
            return false;
        _node = next;
        if (!_trie.IsLeaf(next))
            return true;
        if (c == '\n')
            return EndVoiceLine();
        _mode = Mode.VoiceAttributeStart;
        return true;
    }

    private bool EndVoiceLine()
    {
        _lastNewline = true;
        _voiceLine++;
        StartVoiceLine();
        return true;
    }

    private bool VoiceAttributeStart(int c)
    {
        if (c == '\n')
            return EndVoiceLine();
        if ((c == 'n' && !_nameDone && !_shortNameDone) || (c == 's' && !_shortNameDone))
        {
            _trie = ScoreGrammar.AttributeTrie;
            _node = _trie.Child(0, c);
            _mode = Mode.VoiceAttribute;
            return true;
        }
        return false;
    }

    private bool VoiceAttribute(int c)
    {
        var next = _trie.Child(_node, c);
        if (next < 0)
            return false;
        _node = next;
        if (!_trie.IsLeaf(next))
            return true;
        if (_trie.Value(next) == 1)
            _nameDone = true;
        else
            _shortNameDone = true;
        _count = 0;
        _value = 0;
        _mode = Mode.VoiceName;
        return true;
    }

    // A part name as xml2abc writes it: the characters of IsNameChar, ',' and ':', and "\n" (abcm2ps's line break in
    // a name, as in nm="Singstimme\nVoice"); a backslash only before n, so that it never escapes the closing quote.
    private bool VoiceName(int c)
    {
        if (_value == 1)
            return AfterBackslash(c);
        if (c == '"')
        {
            if (_count == 0)
                return false;
            _mode = Mode.VoiceAfterName;
            return true;
        }
        if (_count >= ScoreGrammar.MaxNameLength || !(IsNameChar(c) || c is ',' or ':' or '\\'))
            return false;
        if (c == '\\')
        {
            if (_count + 2 > ScoreGrammar.MaxNameLength)
                return false;
            _value = 1;
        }
        _count++;
        return true;
    }

    // In a name or an annotation, after a backslash: only 'n' ("\n", abcm2ps's line break).
    private bool AfterBackslash(int c)
    {
        if (c != 'n')
            return false;
        _value = 0;
        _count++;
        return true;
    }

    private bool VoiceAfterName(int c)
    {
        if (c == '\n')
            return EndVoiceLine();
        if (c != ' ' || _shortNameDone)
            return false;
        _mode = Mode.VoiceAttributeStart;
        return true;
    }

    private static bool IsNameChar(int c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or ' ' or '.' or '\'' or '-' or '(' or ')';

    private enum ScoreToken
    {
        None,
        Id,
        Open,
        Close,
        Bar,
    }

    private enum Mode
    {
        HeaderLineStart,
        CommentFirst,
        Comment,
        Literal,
        HeaderTrie,
        ScoreTokenStart,
        ScoreAfterToken,
        ScoreId,
        VoiceClef,
        VoiceAttributeStart,
        VoiceAttribute,
        VoiceName,
        VoiceAfterName,

        // Every mode from here on is in the body.
        BodyLineStart,
        CounterJ,
        VoiceId,
        Element,
        Accidental,
        Octave,
        Length,
        Decoration,
        Annotation,
        OpenParen,
        TupletP,
        TupletColon,
        TupletQ,
        TupletSecondColon,
        TupletR,
        ChordNoteStart,
        GraceNoteStart,
        Barline,
        Broken,
        TieNext,
        Staccato,
    }
}
