package server

import (
	"fmt"
	"net/http"
	"strings"
)

func errNoRoute(r *http.Request) error {
	return fmt.Errorf("no API endpoint %s %s (see /api/openapi.json)", r.Method, r.URL.Path)
}

// OpenAPI returns the OpenAPI 3.0 document of the API, built from the
// route table so that it cannot miss a route.
func (s *Server) OpenAPI() map[string]any {
	paths := map[string]any{}
	envelope := map[string]any{
		"type":     "object",
		"required": []string{"status"},
		"properties": map[string]any{
			"status":    map[string]any{"type": "string", "enum": []string{"success", "error"}},
			"data":      map[string]any{"description": "the answer (status success)"},
			"errorType": map[string]any{"type": "string", "enum": []string{string(ErrBadData), string(ErrUnauthorized), string(ErrNotFound), string(ErrMethod), string(ErrTooLarge), string(ErrNotEnoughData), string(ErrCanceled), string(ErrInternal), string(ErrUnavailable), string(ErrTimeout)}},
			"error":     map[string]any{"type": "string"},
		},
	}
	ref := map[string]any{"$ref": "#/components/schemas/Envelope"}
	for _, rt := range s.routes {
		ops, _ := paths[rt.path].(map[string]any)
		if ops == nil {
			ops = map[string]any{}
			paths[rt.path] = ops
		}
		var ps []any
		for _, p := range rt.params {
			ps = append(ps, map[string]any{"name": p.name, "in": p.in, "required": p.required, "description": p.desc, "schema": map[string]any{"type": p.typ}})
		}
		resp := map[string]any{
			"200": map[string]any{"description": "success; data is " + rt.result, "content": map[string]any{"application/json": map[string]any{"schema": ref}}},
			"400": map[string]any{"description": "bad_data", "content": map[string]any{"application/json": map[string]any{"schema": ref}}},
			"500": map[string]any{"description": "internal", "content": map[string]any{"application/json": map[string]any{"schema": ref}}},
		}
		if strings.Contains(rt.path, "{") {
			resp["404"] = map[string]any{"description": "not_found", "content": map[string]any{"application/json": map[string]any{"schema": ref}}}
		}
		if rt.cache {
			resp["422"] = map[string]any{"description": "not_enough_data", "content": map[string]any{"application/json": map[string]any{"schema": ref}}}
		}
		op := map[string]any{"operationId": rt.name, "summary": rt.summary, "responses": resp}
		if ps != nil {
			op["parameters"] = ps
		}
		if rt.body != "" {
			op["requestBody"] = map[string]any{"required": true, "description": rt.body, "content": map[string]any{
				"application/json": map[string]any{"schema": map[string]any{"type": "object"}},
				"text/plain":       map[string]any{"schema": map[string]any{"type": "string"}},
			}}
			resp["413"] = map[string]any{"description": "too_large", "content": map[string]any{"application/json": map[string]any{"schema": ref}}}
		}
		if rt.write {
			op["security"] = []any{map[string]any{"bearer": []string{}}}
			resp["401"] = map[string]any{"description": "unauthorized", "content": map[string]any{"application/json": map[string]any{"schema": ref}}}
		}
		ops[strings.ToLower(rt.method)] = op
	}
	paths["/healthz"] = map[string]any{"get": map[string]any{"operationId": "healthz", "summary": "ok when the store answers",
		"responses": map[string]any{"200": map[string]any{"description": "ok", "content": map[string]any{"text/plain": map[string]any{"schema": map[string]any{"type": "string"}}}}}}}
	paths["/metrics"] = map[string]any{"get": map[string]any{"operationId": "metrics", "summary": "Prometheus text format: requests and latency per route, store counts, memory",
		"responses": map[string]any{"200": map[string]any{"description": "metrics", "content": map[string]any{"text/plain": map[string]any{"schema": map[string]any{"type": "string"}}}}}}}
	paths["/api/openapi.json"] = map[string]any{"get": map[string]any{"operationId": "openapi", "summary": "this document",
		"responses": map[string]any{"200": map[string]any{"description": "OpenAPI 3.0", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}}}}}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "dyad API", "version": s.cfg.Version,
			"description": "Coded international events, their evidence and the relations between actors. Every answer is {\"status\":\"success\",\"data\":…} or {\"status\":\"error\",\"errorType\":…,\"error\":…}. See docs/api.md."},
		"paths": paths,
		"components": map[string]any{
			"schemas":         map[string]any{"Envelope": envelope},
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
		},
	}
}
