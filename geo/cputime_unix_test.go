//go:build unix

package geo

import (
	"syscall"
	"time"
)

// cpuTime returns the user plus system CPU time of the process, or 0.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
