import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { ServerToolError } from '../tool-error';
import { describeMcpFailure, toolOutputOf } from './tool-result';

describe('MCP results as tool outputs', () => {
  it('joins text content', () => {
    expect(
      toolOutputOf({
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      }),
    ).toBe('a\nb');
  });

  it('keeps structured content, with the text beside it', () => {
    expect(toolOutputOf({ content: [], structuredContent: { sum: 5 } })).toEqual({ sum: 5 });
    expect(
      toolOutputOf({ content: [{ type: 'text', text: 'five' }], structuredContent: { sum: 5 } }),
    ).toEqual({ text: 'five', structuredContent: { sum: 5 } });
  });

  it('puts a placeholder where an image was', () => {
    expect(
      toolOutputOf({ content: [{ type: 'image', mimeType: 'image/png', data: 'AAAA' }] }),
    ).toBe('[image image/png, 3 bytes, not shown]');
  });

  it('makes isError the call’s error, with the server’s words', () => {
    expect(() =>
      toolOutputOf({ isError: true, content: [{ type: 'text', text: 'no such file' }] }),
    ).toThrow(new ServerToolError('no such file'));
  });

  it('refuses a result that is not one', () => {
    expect(() => toolOutputOf({ content: 'nope' })).toThrow(ServerToolError);
  });

  it('words failures as the other tools’ errors: a deadline is a timeout', () => {
    const timeout = new McpError(ErrorCode.RequestTimeout, 'Request timed out');
    expect(describeMcpFailure('s', timeout, 1500).message).toBe('timed out after 1500 ms');
    const closed = new McpError(ErrorCode.ConnectionClosed, 'Connection closed');
    expect(describeMcpFailure('s', closed, 1).message).toBe(
      'MCP server s closed the connection during the call',
    );
    expect(describeMcpFailure('s', new McpError(-32602, 'bad params'), 1).message).toMatch(
      /^MCP server s: .*bad params/,
    );
    expect(describeMcpFailure('s', new Error('ECONNREFUSED'), 1).message).toBe(
      'MCP server s failed: ECONNREFUSED',
    );
  });
});
