package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// monthOf returns the first day of t's month, UTC.
func monthOf(t time.Time) time.Time {
	y, m, _ := t.UTC().Date()
	return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
}

type dyadKey struct {
	src, tgt string
	month    time.Time
}

type dyadVal struct {
	events, mentions [5]int64
	gold             float64
	lastDay          time.Time // last day of a new analysable event
	hasLast          bool
}

// rollupQuadSQL is store.RollupQuad in SQL, over events columns;
// analysableSQL selects the analysable events.
const (
	rollupQuadSQL = "(CASE WHEN NOT negated AND quad BETWEEN 1 AND 4 THEN quad ELSE 0 END)"
	analysableSQL = "NOT negated AND quad BETWEEN 1 AND 4"
)

type actorKey struct {
	actor string
	month time.Time
}

// putRollups adds the batch's events to dyad_month and actor_month: a new
// event counts once in its rollup class (store.RollupQuad) with its mentions,
// and an analysable one with its Goldstein value and in actor_month;
// mentions added to an event that existed count in the stored event's
// class. The upserts run in key order (byte order, as the "C"
// collation sorts), so that concurrent batches lock shared rows in the
// same order. It counts the new events into res and returns their number.
func putRollups(ctx context.Context, tx pgx.Tx, order []*eventAgg, existed map[int64]*stored, res []store.PutResult) (int, error) {
	dm := map[dyadKey]*dyadVal{}
	am := map[actorKey]*[2]int64{}
	addD := func(k dyadKey, quad int, ev, mn int64, g float64, day time.Time) {
		v := dm[k]
		if v == nil {
			v = &dyadVal{}
			dm[k] = v
		}
		v.events[quad] += ev
		v.mentions[quad] += mn
		if quad != 0 {
			v.gold += g
			if ev > 0 && (!v.hasLast || day.After(v.lastDay)) {
				v.lastDay, v.hasLast = day, true
			}
		}
	}
	addA := func(actor string, month time.Time, role int) {
		k := actorKey{actor, month}
		v := am[k]
		if v == nil {
			v = &[2]int64{}
			am[k] = v
		}
		v[role]++
	}
	created := 0
	for _, a := range order {
		if st := existed[a.key]; st != nil {
			addD(dyadKey{st.source, st.target, monthOf(st.day)}, store.RollupQuad(st.quad, st.negated), 0, int64(a.mentions), 0, st.day)
			continue
		}
		created++
		ev := &a.first.ev
		res[a.firstDoc].NewEvents++
		m := monthOf(a.day)
		src, tgt := clean(ev.Source.Code), clean(ev.Target.Code)
		q := store.RollupQuad(ev.Quad, ev.Negated)
		addD(dyadKey{src, tgt, m}, q, 1, int64(a.mentions), ev.Goldstein, a.day)
		if q != 0 {
			addA(src, m, 0)
			addA(tgt, m, 1)
		}
	}

	dkeys := make([]dyadKey, 0, len(dm))
	for k := range dm {
		dkeys = append(dkeys, k)
	}
	slices.SortFunc(dkeys, func(a, b dyadKey) int {
		if c := strings.Compare(a.src, b.src); c != 0 {
			return c
		}
		if c := strings.Compare(a.tgt, b.tgt); c != 0 {
			return c
		}
		return a.month.Compare(b.month)
	})
	if len(dkeys) > 0 {
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"stage_dyad_month"},
			[]string{"source", "target", "month", "e0", "e1", "e2", "e3", "e4", "m0", "m1", "m2", "m3", "m4", "goldstein", "last_day"},
			pgx.CopyFromSlice(len(dkeys), func(i int) ([]any, error) {
				k := dkeys[i]
				v := dm[k]
				var last any
				if v.hasLast {
					last = v.lastDay
				}
				return []any{k.src, k.tgt, k.month, v.events[0], v.events[1], v.events[2], v.events[3], v.events[4],
					v.mentions[0], v.mentions[1], v.mentions[2], v.mentions[3], v.mentions[4], v.gold, last}, nil
			}))
		if err != nil {
			return 0, fmt.Errorf("postgres: stage dyad rollup: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO dyad_month AS r SELECT * FROM stage_dyad_month ORDER BY source, target, month
			ON CONFLICT (source, target, month) DO UPDATE SET e0 = r.e0 + excluded.e0, e1 = r.e1 + excluded.e1,
				e2 = r.e2 + excluded.e2, e3 = r.e3 + excluded.e3, e4 = r.e4 + excluded.e4, m0 = r.m0 + excluded.m0,
				m1 = r.m1 + excluded.m1, m2 = r.m2 + excluded.m2, m3 = r.m3 + excluded.m3, m4 = r.m4 + excluded.m4,
				goldstein = r.goldstein + excluded.goldstein, last_day = greatest(r.last_day, excluded.last_day)`); err != nil {
			return 0, fmt.Errorf("postgres: dyad rollup: %w", err)
		}
	}

	akeys := make([]actorKey, 0, len(am))
	for k := range am {
		akeys = append(akeys, k)
	}
	slices.SortFunc(akeys, func(a, b actorKey) int {
		if c := strings.Compare(a.actor, b.actor); c != 0 {
			return c
		}
		return a.month.Compare(b.month)
	})
	if len(akeys) > 0 {
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"stage_actor_month"}, []string{"actor", "month", "as_source", "as_target"},
			pgx.CopyFromSlice(len(akeys), func(i int) ([]any, error) {
				k := akeys[i]
				return []any{k.actor, k.month, am[k][0], am[k][1]}, nil
			}))
		if err != nil {
			return 0, fmt.Errorf("postgres: stage actor rollup: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO actor_month AS r SELECT * FROM stage_actor_month ORDER BY actor, month
			ON CONFLICT (actor, month) DO UPDATE SET as_source = r.as_source + excluded.as_source, as_target = r.as_target + excluded.as_target`); err != nil {
			return 0, fmt.Errorf("postgres: actor rollup: %w", err)
		}
	}
	return created, nil
}

// putActors records the actor codes of the batch's mentions with the name
// and country of their first mention; a stored code without a name takes
// the new one.
func putActors(ctx context.Context, tx pgx.Tx, pending []pendingMention) error {
	actors := map[string]dyad.Actor{}
	for k := range pending {
		p := &pending[k]
		for _, ac := range [2]dyad.Actor{p.ev.Source, p.ev.Target} {
			code := clean(ac.Code)
			if _, ok := actors[code]; !ok && code != "" {
				actors[code] = ac
			}
		}
	}
	if len(actors) == 0 {
		return nil
	}
	codes := make([]string, 0, len(actors))
	for c := range actors {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	names, countries := make([]string, len(codes)), make([]string, len(codes))
	for i, c := range codes {
		names[i], countries[i] = clean(actors[c].Name), clean(actors[c].Country)
	}
	// No upsert: most codes exist, and DO UPDATE would lock (and rewrite)
	// the busiest actors' rows in every batch.
	if _, err := tx.Exec(ctx, `INSERT INTO actors (code, name, country)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (code) DO NOTHING`, codes, names, countries); err != nil {
		return fmt.Errorf("postgres: actors: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE actors a SET name = u.name FROM unnest($1::text[], $2::text[]) AS u(code, name)
		WHERE a.code = u.code AND a.name = '' AND u.name <> ''`, codes, names); err != nil {
		return fmt.Errorf("postgres: actors: %w", err)
	}
	return nil
}
