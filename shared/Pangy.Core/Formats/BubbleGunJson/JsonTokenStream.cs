using System.Text;
using System.Text.Json;

namespace Pangy.Core.Formats.BubbleGunJson;

/// <summary>
/// Pulls JSON tokens from a stream of any size through a refilled buffer, and knows the 1-based line each token starts
/// on (System.Text.Json keeps line numbers to itself except in its exceptions). Malformed JSON becomes a
/// <see cref="BadInputException"/> naming the line.
/// </summary>
internal sealed class JsonTokenStream
{
    private readonly Stream _stream;
    private readonly string _name;
    private byte[] _buffer = new byte[1 << 20];
    private int _start, _end;
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
    private long _line = 1;                 // line of _buffer[_start]
    private byte[] _value = new byte[256];
    private int _valueLength;
    private bool _hasNumberValue;
    private bool _anyToken;

    public JsonTokenStream(Stream stream, string name)
    {
        _stream = stream;
        _name = name;
    }

    public JsonTokenType TokenType { get; private set; }

    /// <summary>The line the current token starts on.</summary>
    public long TokenLine { get; private set; }

    /// <summary>The current string or property name (unescaped UTF-8), or the raw text of a number.</summary>
    public ReadOnlySpan<byte> Value => _value.AsSpan(0, _valueLength);

    public string ValueText => Encoding.UTF8.GetString(Value);

    /// <summary>Moves to the next token; false at the end of the document.</summary>
    public bool Read()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            bool ok;
            try
            {
                ok = reader.Read();
                if (ok) Capture(ref reader);
            }
            catch (JsonException ex)
            {
                // An empty (or all-blank) document has no tokens: report it as the end, the caller says what it expected.
                if (_final && !_anyToken && _buffer.AsSpan(_start, _end - _start).IndexOfAnyExcept(" \t\r\n"u8) < 0) return false;
                // The reader state carries the 0-based line count from the start of the document.
                throw new BadInputException(_name, ex.LineNumber is { } l ? l + 1 : _line, $"not valid JSON ({FirstSentence(ex.Message)})");
            }
            catch (InvalidOperationException ex)
            {
                // Utf8JsonReader validates the structure, not the text: a string that is not UTF-8 only fails on copying.
                throw new BadInputException(_name, _line, $"not valid JSON text: a string is not UTF-8 ({FirstSentence(ex.Message)})");
            }
            if (ok)
            {
                int tokenStart = _start + (int)reader.TokenStartIndex;
                _line += _buffer.AsSpan(_start, tokenStart - _start).Count((byte)'\n');
                TokenLine = _line;
                int consumed = (int)reader.BytesConsumed;
                _line += _buffer.AsSpan(tokenStart, _start + consumed - tokenStart).Count((byte)'\n');
                _start += consumed;
                _state = reader.CurrentState;
                TokenType = reader.TokenType;
                _anyToken = true;
                return true;
            }
            if (_final) return false;
            Refill();
        }
    }

    private void Capture(ref Utf8JsonReader reader)
    {
        _hasNumberValue = false;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            case JsonTokenType.PropertyName:
                {
                    int max = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
                    if (_value.Length < max) _value = new byte[Math.Max(max, _value.Length * 2)];
                    _valueLength = reader.CopyString(_value);
                    break;
                }
            case JsonTokenType.Number:
                {
                    var raw = reader.ValueSpan;
                    if (_value.Length < raw.Length) _value = new byte[Math.Max(raw.Length, _value.Length * 2)];
                    raw.CopyTo(_value);
                    _valueLength = raw.Length;
                    _hasNumberValue = true;
                    break;
                }
            default:
                _valueLength = 0;
                break;
        }
    }

    /// <summary>The current number as an integer, or false when it has a fraction or exponent or is out of range.</summary>
    public bool TryGetInteger(out long value)
    {
        value = 0;
        return _hasNumberValue && System.Buffers.Text.Utf8Parser.TryParse(Value, out value, out int used) && used == _valueLength;
    }

    /// <summary>Skips the value whose first token is current (a scalar, or a whole object or array).</summary>
    public void SkipValue()
    {
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        int depth = 1;
        while (depth > 0)
        {
            if (!Read()) throw new BadInputException(_name, _line, "not valid JSON (the document ends inside a value)");
            if (TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) depth++;
            else if (TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) depth--;
        }
    }

    private void Refill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            // One token larger than the buffer: grow.
            var bigger = new byte[checked(_buffer.Length * 2)];
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            _buffer = bigger;
        }
        int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _final = true;
        else _end += n;
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
