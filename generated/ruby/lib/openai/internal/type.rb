# frozen_string_literal: true

module OpenAI
  module Internal
    # Runtime type descriptors and the conversions between wire JSON and Ruby
    # objects. A descriptor is one of:
    #
    # * a core class (`String`, `Integer`, `Float`), `Boolean` or `Unknown`;
    # * a model class (a subclass of {BaseModel});
    # * an enum or union module (extending {Enum} / {Union});
    # * `ArrayOf[item]`, `HashOf[value]` or `Const[:value]`;
    # * a lambda returning any of these (so models can refer to each other in
    #   any load order).
    #
    # Decoding never raises: a value that does not fit its descriptor is kept
    # as it came.
    module Type
      # Marker descriptor for `true` / `false`.
      module Boolean
        def self.===(other)
          other == true || other == false
        end
      end

      # Marker descriptor for any JSON value.
      module Unknown
      end

      # An array whose items have one descriptor.
      class ArrayOf
        attr_reader :item

        def self.[](item)
          new(item)
        end

        def initialize(item)
          @item = item
        end
      end

      # A JSON object used as a dictionary.
      class HashOf
        attr_reader :item

        def self.[](item)
          new(item)
        end

        def initialize(item)
          @item = item
        end
      end

      # A single constant value; string constants decode to Symbols.
      class Const
        attr_reader :value

        def self.[](value)
          new(value)
        end

        def initialize(value)
          @value = value
        end
      end

      # Extended by generated enum modules. Values decode to Symbols; values the
      # spec does not list are kept (as Symbols), never rejected.
      module Enum
        # @return [Array] the values the spec lists, in its order
        def values
          @values ||= constants.sort_by { |c| const_source_location(c)&.last.to_i }.map { |c| const_get(c) }.freeze
        end

        def coerce(value)
          value.is_a?(String) ? value.to_sym : value
        end

        def ===(other)
          values.include?(other)
        end
      end

      # Extended by generated union modules: `variant(descriptor)` for each
      # member, `variant("value", descriptor)` with `discriminator("field")`
      # for mapped members.
      module Union
        def discriminator(property = nil)
          @discriminator = property.to_s unless property.nil?
          @discriminator
        end

        def variant(key_or_type, type = nil)
          if type.nil?
            variant_list << key_or_type
          else
            variant_map[key_or_type.to_s] = type
            variant_list << type
          end
        end

        def variants
          variant_list.map { |v| Type.resolve(v) }
        end

        def variant_for(value)
          if @discriminator && value.is_a?(Hash)
            key = value[@discriminator] || value[@discriminator.to_sym]
            mapped = variant_map[key.to_s] unless key.nil?
            return mapped if mapped
          end
          best = nil
          best_score = 0
          variant_list.each do |candidate|
            score = Type.score(candidate, value)
            if score > best_score
              best = candidate
              best_score = score
            end
          end
          best
        end

        def coerce(value)
          chosen = variant_for(value)
          chosen.nil? ? value : Type.coerce(chosen, value)
        end

        # Unions score as their best member.
        def variant_list_scores(value)
          variant_list.map { |candidate| Type.score(candidate, value) }.max || 0
        end

        private

        def variant_list
          @variant_list ||= []
        end

        def variant_map
          @variant_map ||= {}
        end
      end

      class << self
        # Follows lambdas to the descriptor they return.
        def resolve(type)
          depth = 0
          while type.is_a?(Proc) && depth < 32
            type = type.call
            depth += 1
          end
          type
        end

        # Decodes a JSON value (from the wire) with a descriptor.
        def coerce(type, value)
          return nil if value.nil?

          type = resolve(type)
          case type
          when ArrayOf
            value.is_a?(Array) ? value.map { |item| coerce(type.item, item) } : value
          when HashOf
            value.is_a?(Hash) ? value.to_h { |k, v| [k.to_sym, coerce(type.item, v)] } : value
          when Const
            value.is_a?(String) ? value.to_sym : value
          when Class
            if type <= BaseModel
              value.is_a?(Hash) ? type.new(value) : value
            elsif type == Float
              value.is_a?(Integer) ? value.to_f : value
            else
              value
            end
          when Module
            type.respond_to?(:coerce) ? type.coerce(value) : value
          else
            value
          end
        end

        # How well a value fits a descriptor: 0 (not at all) and up.
        def score(type, value)
          type = resolve(type)
          case type
          when ArrayOf then value.is_a?(Array) ? 2 : 0
          when HashOf then value.is_a?(Hash) ? 1 : 0
          when Const then value.to_s == type.value.to_s && (value.is_a?(String) || value.is_a?(Symbol)) ? 5 : 0
          when Class
            if type <= BaseModel
              type.match_score(value)
            elsif type == String
              value.is_a?(String) || value.is_a?(Symbol) ? 3 : 0
            elsif type == Integer
              value.is_a?(Integer) ? 3 : 0
            elsif type == Float
              value.is_a?(Numeric) ? 2 : 0
            else
              value.is_a?(type) ? 3 : 0
            end
          when Module
            if type == Boolean
              Boolean === value ? 3 : 0
            elsif type == Unknown
              1
            elsif type.is_a?(Enum)
              if type.values.include?(value.is_a?(String) ? value.to_sym : value)
                4
              else
                value.is_a?(String) || value.is_a?(Symbol) ? 1 : 0
              end
            elsif type.is_a?(Union)
              type.variant_list_scores(value)
            else
              0
            end
          else
            0
          end
        end

        # Encodes a Ruby value for the wire (JSON-ready: String keys, no Symbols).
        def dump(type, value)
          type = resolve(type)
          case value
          when nil, true, false, Integer, Float, String
            value
          when Symbol
            value.to_s
          when BaseModel
            value.class.dump_hash(value.to_h)
          when Array
            item = type.is_a?(ArrayOf) ? type.item : nil
            value.map { |v| dump(item, v) }
          when Hash
            dump_hash(type, value)
          when Time
            value.utc.iso8601
          else
            value.respond_to?(:to_h) && !value.respond_to?(:read) ? dump(type, value.to_h) : value
          end
        end

        private

        def dump_hash(type, value)
          if type.is_a?(Class) && type <= BaseModel
            type.dump_hash(value)
          elsif type.is_a?(HashOf)
            value.to_h { |k, v| [k.to_s, dump(type.item, v)] }
          elsif type.is_a?(Module) && type.is_a?(Union)
            chosen = type.variant_for(value.transform_keys(&:to_s))
            dump_hash(chosen.nil? ? nil : resolve(chosen), value)
          else
            value.to_h { |k, v| [k.to_s, dump(nil, v)] }
          end
        end
      end

      # Base class of every generated model: a reader per field (wire names
      # mapped to Ruby-safe names), unknown fields kept and reachable with
      # `model[:name]`, `to_h` for the wire form.
      class BaseModel
        # One declared field.
        Field = Struct.new(:name, :wire, :type, :required, :nullable, keyword_init: true)

        class << self
          # @return [Hash{Symbol=>Field}] fields by Ruby name
          def fields
            @fields ||= {}
          end

          # @return [Hash{String=>Field}] fields by wire name
          def wire_fields
            @wire_fields ||= {}
          end

          def required(name, type, wire: nil, nullable: false)
            add_field(name, type, wire, true, nullable)
          end

          def optional(name, type, wire: nil, nullable: false)
            add_field(name, type, wire, false, nullable)
          end

          # Encodes a Hash of Ruby-named or wire-named keys for the wire.
          def dump_hash(hash)
            hash.each_with_object({}) do |(key, value), out|
              field = field_for_key(key.to_s)
              if field
                out[field.wire] = Type.dump(field.type, value)
              else
                out[key.to_s] = Type.dump(nil, value)
              end
            end
          end

          # The field a key names: a wire name first, else a Ruby name.
          def field_for_key(key)
            wire_fields[key] || fields[key.to_sym]
          end

          def match_score(value)
            return 0 unless value.is_a?(Hash)

            keys = value.keys.map(&:to_s)
            fields.each_value do |field|
              const = Type.resolve(field.type)
              next unless const.is_a?(Type::Const)

              present = keys.include?(field.wire)
              actual = value[field.wire] || value[field.wire.to_sym]
              return 0 if present && actual.to_s != const.value.to_s
              return 0 if !present && field.required
            end
            known = keys.count { |k| wire_fields.key?(k) }
            missing = wire_fields.each_value.count { |f| f.required && !keys.include?(f.wire) }
            2 + (known * 10 / (keys.size + 1)) - missing
          end

          private

          def add_field(name, type, wire, required, nullable)
            field = Field.new(name: name.to_sym, wire: (wire || name).to_s, type: type, required: required,
                              nullable: nullable)
            fields[field.name] = field
            wire_fields[field.wire] = field
            define_method(field.name) { __read(field) }
            field
          end
        end

        # @param data [Hash] field values, keyed by wire name or Ruby name
        def initialize(data = {})
          @__data = {}
          @__cache = {}
          data.each do |key, value|
            field = self.class.field_for_key(key.to_s)
            @__data[field ? field.wire : key.to_s] = value
          end
        end

        # The raw (wire) value of a field, known or not.
        def [](key)
          @__data[key.to_s]
        end

        # The wire form: a Hash keyed by wire names (Symbols), values as received.
        def to_h
          @__data.transform_keys(&:to_sym)
        end

        def deconstruct_keys(keys)
          self.class.fields.each_value.with_object({}) do |field, out|
            next unless keys.nil? || keys.include?(field.name)

            out[field.name] = __read(field) if @__data.key?(field.wire)
          end
        end

        def ==(other)
          other.class == self.class && other.to_h == to_h
        end
        alias eql? ==

        def hash
          [self.class, @__data].hash
        end

        def to_json(*args)
          JSON.generate(Type.dump(self.class, self), *args)
        end

        def inspect
          shown = @__data.map do |wire, value|
            field = self.class.wire_fields[wire]
            field ? "#{field.name}=#{__read(field).inspect}" : "#{wire}=#{value.inspect}"
          end
          "#<#{self.class.name} #{shown.join(' ')}>"
        end
        alias to_s inspect

        private

        def __read(field)
          return @__cache[field.name] if @__cache.key?(field.name)

          @__cache[field.name] = Type.coerce(field.type, @__data[field.wire])
        end
      end
    end
  end
end
