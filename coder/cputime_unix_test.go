//go:build unix

package coder_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) the test process used, or
// false when it cannot be read.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
