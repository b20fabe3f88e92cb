package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func runTokenizeCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestTokenizeCommand(t *testing.T) {
	tests := []struct {
		name string
		args []string
		in   string
		code int
		want string
	}{
		{"tokens", []string{"tokenize"}, "U.S. officials didn't comment.",
			exitOK, "0\t0\t4\tU.S.\n0\t5\t14\tofficials\n0\t15\t18\tdid\tSpaceAfter=No\n0\t18\t21\tn't\n0\t22\t29\tcomment\tSpaceAfter=No\n0\t29\t30\t.\n"},
		{"sentences", []string{"tokenize", "--sentences", "-"}, "BEIJING (AP) — China spoke.\nRussia did not.",
			exitOK, "0\t0\t16\tBEIJING (AP) —\n1\t17\t29\tChina spoke.\n2\t30\t45\tRussia did not.\n"},
		{"dateline", []string{"tokenize", "--dateline"}, "KABUL, March 3 (Reuters) - x",
			exitOK, "place\tKABUL\nspan\t0\t26\ntext\tKABUL, March 3 (Reuters) -\n"},
		{"no dateline", []string{"tokenize", "--dateline"}, "The talks ended.", exitOK, "no dateline\n"},
		{"two files", []string{"tokenize", "a", "b"}, "", exitUsage, ""},
		{"missing file", []string{"tokenize", "/nonexistent/x.txt"}, "", exitError, ""},
		{"bad flag", []string{"tokenize", "--nope"}, "", exitUsage, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runTokenizeCLI(t, tc.in, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, tc.code, errs)
			}
			if tc.want != "" && out != tc.want {
				t.Errorf("output:\n%s\nwant:\n%s", out, tc.want)
			}
		})
	}
}

func TestTokenizeHelp(t *testing.T) {
	code, _, errs := runTokenizeCLI(t, "", "tokenize", "-h")
	if code != exitOK || !strings.Contains(errs, "Examples:") || !strings.Contains(errs, "--sentences") {
		t.Errorf("help exit %d, text %q", code, errs)
	}
}
