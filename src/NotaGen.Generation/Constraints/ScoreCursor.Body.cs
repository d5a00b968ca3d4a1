using System.Globalization;

namespace NotaGen.Generation.Constraints;

/// <summary>Body lines: the bar counter, the voices of the line, and where each voice's bar ends.</summary>
public partial struct ScoreCursor
{
    // j of body line i: the model's choice on line 0 (or the forced bar count), one less per line after.
    private readonly int CurrentJ(int line) => _j0 - line;

    private bool BodyLineStart(int c)
    {
        _bodyStarted = true;
        if (c != '[' || (_line > 0 && CurrentJ(_line - 1) == 0))
            return false;
        _lastVoice = 0;
        _lineBarline = -1;
        _fermataOnset = -1;
        if (_line == 0 && _grammar.Bars is null)
        {
            Expect("[r:0/", Mode.CounterJ);
            _value = 0;
            _count = 0;
        }
        else
        {
            if (_line == 0)
                _j0 = _grammar.Bars!.Value - 1;
            Expect(string.Create(CultureInfo.InvariantCulture, $"[r:{_line}/{CurrentJ(_line)}][V:"), Mode.VoiceId);
            _value = 0;
            _count = 0;
        }
        return Literal(c);
    }

    // j on line 0: no leading zero, at most MaxBarCount - 1.
    private bool CounterJ(int c)
    {
        if (c == ']')
        {
            if (_count == 0)
                return false;
            _j0 = _value;
            Expect("[V:", Mode.VoiceId);
            _value = 0;
            _count = 0;
            return true;
        }
        if (c is < '0' or > '9' || (_count > 0 && _value == 0))
            return false;
        var value = (_value * 10) + (c - '0');
        if (value > ScoreGrammar.MaxBarCount - 1)
            return false;
        _value = value;
        _count++;
        return true;
    }

    // A declared voice after the line's last one (voices ascend), typed digit by digit, skipping no voice that has a
    // tie or slur open from the previous line.
    private bool VoiceId(int c)
    {
        if (c == ']')
        {
            if (_count == 0 || !IsDeclared(_value) || _value <= _lastVoice || _value > NextVoiceLimit)
                return false;
            if (_lastVoice == 0)
                _target = _line == 0 ? 0 : _meterTicks;
            _lastVoice = _value;
            StartSegment();
            CarryIn();
            return true;
        }
        if (c is < '0' or > '9' || (_count == 0 && c == '0'))
            return false;
        var value = (_value * 10) + (c - '0');
        if (!VoiceAfterWithPrefix(value))
            return false;
        _value = value;
        _count++;
        return true;
    }

    private readonly bool VoiceAfterWithPrefix(int prefix)
    {
        var limit = NextVoiceLimit;
        if (prefix > _lastVoice && prefix <= limit && IsDeclared(prefix))
            return true;
        if (prefix >= 10)
            return false;
        for (var id = prefix * 10; id <= Math.Min((prefix * 10) + 9, limit); id++)
        {
            if (id > _lastVoice && IsDeclared(id))
                return true;
        }
        return false;
    }

    private readonly bool AnotherVoiceAfter()
    {
        for (var id = _lastVoice + 1; id <= ScoreGrammar.MaxVoiceId; id++)
        {
            if (IsDeclared(id))
                return true;
        }
        return false;
    }

    // The right barline: from the fixed set, the same for every voice of the line; then the next voice or the line's end.
    private bool Barline(int c)
    {
        var next = _trie.Child(_node, c);
        if (next >= 0)
        {
            if (!BarlineNodeAllowed(next))
                return false;
            _node = next;
            return true;
        }
        if (!_trie.IsComplete(_node) || (_lineBarline < 0 && !BarlineAllowed(_trie.Value(_node))))
            return false;
        if (c == '[')
        {
            if (!AnotherVoiceAfter())
                return false;
            _lineBarline = _trie.Value(_node);
            Expect("[V:", Mode.VoiceId);
            _value = 0;
            _count = 0;
            return Literal(c);
        }
        if (c != '\n' || !CarriedAllWritten)
            return false;
        _lineBarline = _trie.Value(_node);
        ApplyRepeat(_lineBarline);
        CarryIntoNextLine();
        _line++;
        _lastNewline = true;
        _mode = Mode.BodyLineStart;
        return true;
    }

    /// <summary>Ticks the bar being written may still take: the line's bar length, or the meter while the first voice of an anacrusis / last line sets it.</summary>
    private readonly int Limit => FermataDue ? FermataLimit : _target > 0 ? _target : _meterTicks;

    private readonly int Room => Limit - _pos;
}
