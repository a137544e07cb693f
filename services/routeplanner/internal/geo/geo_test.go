package geo_test

import (
	"math"
	"testing"

	"github.com/kanto-api/kanto/services/routeplanner/internal/geo"
)

func TestDistanceKM(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                   string
		lat1, lng1, lat2, lng2 float64
		want, tolerance        float64
	}{
		{"same point", 35.68, 139.76, 35.68, 139.76, 0, 1e-9},
		{"one degree of latitude", 35, 139, 36, 139, 111.195, 0.01},
		{"Tokyo to Yokohama", 35.6812, 139.7671, 35.4658, 139.6223, 27.3, 0.5},
		{"quarter meridian", 0, 0, 90, 0, math.Pi / 2 * geo.EarthRadiusKM, 1e-6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := geo.DistanceKM(tt.lat1, tt.lng1, tt.lat2, tt.lng2)
			if math.Abs(got-tt.want) > tt.tolerance {
				t.Errorf("DistanceKM = %v, want %v ± %v", got, tt.want, tt.tolerance)
			}
		})
	}
}

func TestCompass(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                   string
		lat1, lng1, lat2, lng2 float64
		want                   string
	}{
		{"north", 35, 139, 36, 139, "north"},
		{"south", 36, 139, 35, 139, "south"},
		{"east", 35, 139, 35, 140, "east"},
		{"west", 35, 140, 35, 139, "west"},
		{"north-east", 35, 139, 35.5, 139.6, "north-east"},
		{"south-west", 35.5, 139.6, 35, 139, "south-west"},
		{"north-west", 35, 139.6, 35.5, 139, "north-west"},
		{"south-east", 35.5, 139, 35, 139.6, "south-east"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := geo.BearingDegrees(tt.lat1, tt.lng1, tt.lat2, tt.lng2)
			if got := geo.Compass(b); got != tt.want {
				t.Errorf("Compass(%v) = %q, want %q", b, got, tt.want)
			}
		})
	}
	if got := geo.Compass(359); got != "north" {
		t.Errorf("Compass(359) = %q, want north", got)
	}
	if got := geo.Compass(-90); got != "west" {
		t.Errorf("Compass(-90) = %q, want west", got)
	}
}

func TestSegmentDistanceKM(t *testing.T) {
	t.Parallel()
	// A segment along the 139°E meridian from 35°N to 36°N.
	tests := []struct {
		name      string
		lat, lng  float64
		want      float64
		tolerance float64
	}{
		{"on the segment", 35.5, 139, 0, 1e-9},
		{"beside the middle", 35.5, 139.1, geo.DistanceKM(35.5, 139, 35.5, 139.1), 0.01},
		{"beyond the north end", 36.5, 139, geo.DistanceKM(36, 139, 36.5, 139), 0.01},
		{"before the south end", 34.9, 139, geo.DistanceKM(35, 139, 34.9, 139), 0.01},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := geo.SegmentDistanceKM(tt.lat, tt.lng, 35, 139, 36, 139)
			if math.Abs(got-tt.want) > tt.tolerance {
				t.Errorf("SegmentDistanceKM = %v, want %v", got, tt.want)
			}
		})
	}
	// A degenerate segment is a point.
	if got, want := geo.SegmentDistanceKM(35, 139, 35.1, 139, 35.1, 139), geo.DistanceKM(35, 139, 35.1, 139); math.Abs(got-want) > 0.01 {
		t.Errorf("degenerate segment: %v, want %v", got, want)
	}
}
