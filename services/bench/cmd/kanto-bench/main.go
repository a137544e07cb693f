// Command kanto-bench is `make bench`: it measures the Kanto services side
// by side with a bare grpc-go server on the same generated code (the
// floor), in one run, and prints each figure as a ratio.
//
// The servers run on one core and the load (kanto-load) on another when the
// machine has two or more (taskset), so that the load generator does not
// steal the servers' CPU. Every case is driven by the same load generator.
// The figures are written as a Markdown table to -out as well.
//
//	kanto-bench -bin .build/bin -duration 8s
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type config struct {
	bin      string
	duration time.Duration
	warmup   time.Duration
	out      string
	cases    string
}

// A row is one line of the report.
type row struct {
	name   string
	figure string
	ratio  string
}

func main() {
	var c config
	flag.StringVar(&c.bin, "bin", ".build/bin", "directory of the service binaries, kanto-testenv, bench-floor and kanto-load")
	flag.DurationVar(&c.duration, "duration", 8*time.Second, "measuring time of each case")
	flag.DurationVar(&c.warmup, "warmup", 2*time.Second, "warm-up of each case")
	flag.StringVar(&c.out, "out", "", "also write the report, as Markdown, to this file")
	flag.StringVar(&c.cases, "cases", "get,get1,rest,list,routes,navigate,create", "the cases to run")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "kanto-bench:", err)
		os.Exit(1)
	}
}

// cores returns the taskset prefixes of the servers and of the load: one
// core each on a machine with two or more, nothing otherwise.
func cores() (servers, load []string) {
	if runtime.NumCPU() < 2 {
		return nil, nil
	}
	if _, err := exec.LookPath("taskset"); err != nil {
		return nil, nil
	}
	return []string{"taskset", "-c", "0"}, []string{"taskset", "-c", "1"}
}

// A server is a process the benchmark started.
type server struct {
	cmd *exec.Cmd
	// stdin stays open while the server runs: kanto-testenv stops when
	// its standard input closes.
	stdin io.WriteCloser
}

// start runs a server process and returns it with the first line it
// prints on stdout.
func start(prefix []string, name string, args ...string) (*server, string, error) {
	argv := append(append([]string(nil), prefix...), append([]string{name}, args...)...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stderr = io.Discard
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, "", err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, "", fmt.Errorf("%s printed no first line: %w", filepath.Base(name), err)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	return &server{cmd: cmd, stdin: stdin}, strings.TrimSpace(line), nil
}

// stop ends a server: its stdin closed and SIGTERM, then SIGKILL after
// five seconds.
func stop(s *server) {
	cmd := s.cmd
	_ = s.stdin.Close()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

type result struct {
	Rate      float64 `json:"rate"`
	P50Micros float64 `json:"p50_us"`
	P99Micros float64 `json:"p99_us"`
	Errors    int64   `json:"errors"`
	FirstErr  string  `json:"first_error"`
}

func (c config) load(prefix []string, args ...string) (result, error) {
	argv := append(append([]string(nil), prefix...), filepath.Join(c.bin, "kanto-load"))
	argv = append(argv, "-duration", c.duration.String(), "-warmup", c.warmup.String())
	argv = append(argv, args...)
	out, err := exec.Command(argv[0], argv[1:]...).Output()
	var r result
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return r, fmt.Errorf("kanto-load %s: %w\n%s", strings.Join(args, " "), err, ee.Stderr)
		}
		return r, err
	}
	if err := json.Unmarshal(bytes.TrimSpace(out), &r); err != nil {
		return r, err
	}
	if r.Errors > 0 {
		return r, fmt.Errorf("kanto-load %s: %d errors, the first: %s", strings.Join(args, " "), r.Errors, r.FirstErr)
	}
	return r, nil
}

// rss returns the resident and peak resident memory of a process, in MiB,
// from /proc; zero where /proc is missing.
func rss(pid int) (now, peak float64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			now = kb / 1024
		case "VmHWM:":
			peak = kb / 1024
		}
	}
	return now, peak
}

// childPID returns the pid of the child of parent named comm.
func childPID(parent int, comm string) int {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...
		s := string(b)
		open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || close < 0 || s[open+1:close] != comm {
			continue
		}
		f := strings.Fields(s[close+1:])
		if len(f) > 1 && f[1] == strconv.Itoa(parent) {
			return pid
		}
	}
	return 0
}

func run(c config) error {
	serverCores, loadCores := cores()
	floor, floorAddr, err := start(serverCores, filepath.Join(c.bin, "bench-floor"))
	if err != nil {
		return err
	}
	defer stop(floor)
	// The production builds, not the launcher's default (the builds with
	// fault injection). The launcher's test settings stay: they freeze the
	// simulated route conditions, so that every run plans the same routes.
	env, line, err := start(serverCores, filepath.Join(c.bin, "kanto-testenv"), "-bin", c.bin)
	if err != nil {
		return err
	}
	defer stop(env)
	var te struct {
		Pokedex, Routeplanner, Gateway string
		CuratorToken                   string `json:"curator_token"`
	}
	if err := json.Unmarshal([]byte(line), &te); err != nil {
		return fmt.Errorf("kanto-testenv: %w", err)
	}
	pokedexPID := childPID(env.cmd.Process.Pid, "pokedex")

	want := map[string]bool{}
	for _, k := range strings.Split(c.cases, ",") {
		want[k] = true
	}
	var rows []row
	add := func(name, figure, ratio string) {
		rows = append(rows, row{name, figure, ratio})
		fmt.Printf("%-58s %-28s %s\n", name, figure, ratio)
	}
	if want["get"] {
		f, err := c.load(loadCores, "-case", "get", "-target", floorAddr)
		if err != nil {
			return err
		}
		k, err := c.load(loadCores, "-case", "get", "-target", te.Pokedex)
		if err != nil {
			return err
		}
		add("GetPokemon calls/s, 16 in flight: floor | Kanto", fmt.Sprintf("%.0f | %.0f", f.Rate, k.Rate), fmt.Sprintf("%.2f× the floor", k.Rate/f.Rate))
		add("GetPokemon p50 at 16 in flight: floor | Kanto", fmt.Sprintf("%.0f µs | %.0f µs", f.P50Micros, k.P50Micros), fmt.Sprintf("%.2f× the floor", k.P50Micros/f.P50Micros))
		now, peak := rss(pokedexPID)
		add("Pokédex RSS after the GetPokemon load: now | peak", fmt.Sprintf("%.0f MiB | %.0f MiB", now, peak), "")
	}
	if want["get1"] {
		f, err := c.load(loadCores, "-case", "get", "-target", floorAddr, "-concurrency", "1", "-conns", "1")
		if err != nil {
			return err
		}
		k, err := c.load(loadCores, "-case", "get", "-target", te.Pokedex, "-concurrency", "1", "-conns", "1")
		if err != nil {
			return err
		}
		add("GetPokemon p50 at 1 in flight: floor | Kanto", fmt.Sprintf("%.0f µs | %.0f µs", f.P50Micros, k.P50Micros), fmt.Sprintf("%.2f× the floor", k.P50Micros/f.P50Micros))
	}
	if want["rest"] {
		g, err := c.load(loadCores, "-case", "get", "-target", te.Pokedex)
		if err != nil {
			return err
		}
		r, err := c.load(loadCores, "-case", "rest", "-target", te.Gateway)
		if err != nil {
			return err
		}
		add("GET /v1/pokemon/{id} via the gateway | gRPC, calls/s", fmt.Sprintf("%.0f | %.0f", r.Rate, g.Rate), fmt.Sprintf("REST %.2f× gRPC", r.Rate/g.Rate))
	}
	if want["list"] {
		r, err := c.load(loadCores, "-case", "list", "-target", te.Pokedex)
		if err != nil {
			return err
		}
		add("ListPokemon, 100 per page, calls/s (p50)", fmt.Sprintf("%.0f (%.0f µs)", r.Rate, r.P50Micros), "")
	}
	if want["routes"] || want["navigate"] {
		g, err := c.load(loadCores, "-case", "routes", "-target", te.Routeplanner)
		if err != nil {
			return err
		}
		add("GetRoutes calls/s (p50)", fmt.Sprintf("%.0f (%.0f µs)", g.Rate, g.P50Micros), "")
		if want["navigate"] {
			n, err := c.load(loadCores, "-case", "navigate", "-target", te.Routeplanner)
			if err != nil {
				return err
			}
			add("Navigate messages/s (bidi) | GetRoutes calls/s", fmt.Sprintf("%.0f | %.0f", n.Rate, g.Rate), fmt.Sprintf("%.2f×", n.Rate/g.Rate))
		}
	}
	if want["create"] {
		r, err := c.load(loadCores, "-case", "create", "-target", te.Pokedex, "-token", te.CuratorToken)
		if err != nil {
			return err
		}
		add("CreatePokemon+DeletePokemon writes/s, 16 writers (p50)", fmt.Sprintf("%.0f (%.0f µs)", r.Rate, r.P50Micros), "")
	}
	if c.out != "" {
		var b strings.Builder
		fmt.Fprintf(&b, "| case | figure | ratio |\n| --- | --- | --- |\n")
		for _, r := range rows {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", r.name, r.figure, r.ratio)
		}
		return os.WriteFile(c.out, []byte(b.String()), 0o644)
	}
	return nil
}
